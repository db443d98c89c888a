package rediscluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gradigo/gradigo/cluster"
)

// SessionTTL is how long the cluster keeps a session's routing, pending
// set and kept messages after their last use.
const SessionTTL = 10 * time.Minute

var _ cluster.Cluster = (*Cluster)(nil)

// Register implements cluster.Cluster.
func (c *Cluster) Register(ctx context.Context, session, event string, maxPending int) (bool, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	res, err := c.run(ctx, registerScript, session, event, maxPending, SessionTTL.Milliseconds())
	if err != nil {
		return false, err
	}
	return res[0] == "OK", nil
}

// Deliver implements cluster.Cluster: one script call for the batch.
func (c *Cluster) Deliver(ctx context.Context, msgs []cluster.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	args := make([]any, 0, 2+4*len(msgs))
	args = append(args, c.node, SessionTTL.Milliseconds())
	for _, m := range msgs {
		b, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("rediscluster: encoding a message: %w", err)
		}
		term := "0"
		if m.Terminal {
			term = "1"
		}
		args = append(args, m.Session, m.Event, term, b)
	}
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	_, err := c.run(ctx, deliverScript, args...)
	c.relayed.Add(uint64(len(msgs)))
	return err
}

// Attach implements cluster.Cluster.
func (c *Cluster) Attach(ctx context.Context, session string) ([]string, []cluster.Message, bool, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	res, err := c.run(ctx, attachScript, session, c.node, SessionTTL.Milliseconds())
	if err != nil || res[0] == "NOSESSION" {
		return nil, nil, false, err
	}
	var pending []string
	list, _ := res[1].([]any)
	for _, x := range list {
		pending = append(pending, str(x))
	}
	var kept []cluster.Message
	list, _ = res[2].([]any)
	for _, x := range list {
		var m cluster.Message
		if err := json.Unmarshal([]byte(str(x)), &m); err != nil {
			return nil, nil, true, fmt.Errorf("rediscluster: a kept message: %w", err)
		}
		kept = append(kept, m)
	}
	return pending, kept, true, nil
}

// Owns implements cluster.Cluster.
func (c *Cluster) Owns(ctx context.Context, session, event string) (bool, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	c.commands.Add(1)
	ok, err := c.rdb.SIsMember(ctx, c.prefix+"sp:"+session, event).Result()
	if err != nil {
		return false, fmt.Errorf("rediscluster: %w", err)
	}
	return ok, nil
}

// Detach implements cluster.Cluster.
func (c *Cluster) Detach(ctx context.Context, session string) error {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	_, err := c.run(ctx, detachScript, session, c.node)
	return err
}

// Inbox implements cluster.Cluster: it reads this node's inbox stream.
func (c *Cluster) Inbox(ctx context.Context, receive func([]cluster.Message)) {
	key := c.prefix + "in:" + c.node
	last := "0" // a node id is new with each process: its inbox starts empty
	for ctx.Err() == nil {
		streams, err := c.rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{key, last}, Count: 1000, Block: time.Second}).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			if ctx.Err() == nil {
				c.log.Warn("rediscluster: reading the inbox", "err", err)
				sleep(ctx, 100*time.Millisecond)
			}
			continue
		}
		for _, s := range streams {
			msgs := make([]cluster.Message, 0, len(s.Messages))
			for _, x := range s.Messages {
				last = x.ID
				switch {
				case x.Values["m"] != nil:
					var m cluster.Message
					if err := json.Unmarshal([]byte(str(x.Values["m"])), &m); err != nil {
						c.log.Error("rediscluster: decoding a message", "err", err)
						continue
					}
					msgs = append(msgs, m)
				case x.Values["p"] != nil:
					msgs = append(msgs, cluster.Message{Session: str(x.Values["s"]), Event: str(x.Values["p"]), Pending: true})
				case x.Values["end"] != nil:
					msgs = append(msgs, cluster.Message{Session: str(x.Values["s"]), End: true})
				}
			}
			receive(msgs)
		}
	}
}
