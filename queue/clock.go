package queue

import "time"

// Clock tells the time. Tests pass a fake one so that ETAs are exact.
type Clock interface {
	Now() time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
