package main

import (
	"testing"
	"time"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireUserMessageOutsideTheQueueThenTheBotsReply: the user's message
// is taken outside the queue (POST /run/user), and the bot, chained after
// it, answers in the queue with the whole history.
func TestWireUserMessageOutsideTheQueueThenTheBotsReply(t *testing.T) {
	s := wiretest.Start(t, newApp(10*time.Millisecond))
	msg, clear := s.IDs("textbox")[0], s.ID(t, "button", "Clear")
	user, bot, lambda := s.Dep(t, "user"), s.Dep(t, "bot"), s.Dep(t, "lambda")
	if user["queue"] != false || lambda["queue"] != false || bot["queue"] != true {
		t.Errorf("queue: user %v, lambda %v, bot %v; want false, false, true", user["queue"], lambda["queue"], bot["queue"])
	}
	if got, want := wiretest.JSON(user["targets"]), wiretest.JSON([][]any{{msg, "submit"}}); got != want {
		t.Errorf("user's targets %s, want %s", got, want)
	}
	if got, want := wiretest.JSON(lambda["targets"]), wiretest.JSON([][]any{{clear, "click"}}); got != want {
		t.Errorf("lambda's targets %s, want %s", got, want)
	}
	if bot["trigger_after"] != user["id"] || wiretest.JSON(bot["targets"]) != `[[null,"then"]]` {
		t.Errorf("bot: trigger_after %v, targets %s; want it to follow user (%v)", bot["trigger_after"], wiretest.JSON(bot["targets"]), user["id"])
	}

	page := s.Session("page")
	r := page.Run(t, "user", wiretest.Data("Hello!!", []any{}), wiretest.Trigger(msg))
	if !wiretest.Equal(t, "user: the box emptied and the message in the history", r.Data,
		`["",[{"role":"user","metadata":null,"content":[{"text":"Hello!!","type":"text"}],"options":null}]]`) {
		t.FailNow()
	}
	reply := page.Call(t, s.Fn(t, "bot"), wiretest.Data(r.Data[1]), wiretest.Trigger(msg))
	want := `[[{"role":"user","metadata":null,"content":[{"text":"Hello!!","type":"text"}],"options":null},` +
		`{"role":"assistant","metadata":null,"content":[{"text":"How are you?","type":"text"}],"options":null}]]`
	wiretest.Equal(t, "bot: the history with its reply", reply.Data, want)
	if got := wiretest.JSON(page.Run(t, "lambda", wiretest.Trigger(clear)).Data); got != `[[]]` {
		t.Errorf("Clear: %s, want an empty history", got)
	}
}
