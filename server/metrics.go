package server

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gradigo/gradigo/cluster"
	"github.com/gradigo/gradigo/queue"
)

// metrics are the server's Prometheus series, in a registry of its own (no
// global state: two servers in one process keep separate counts).
type metrics struct {
	reg                *prometheus.Registry
	queued, started    *prometheus.CounterVec
	finished, failed   *prometheus.CounterVec
	cancelled, refused *prometheus.CounterVec
	waitTime, runTime  *prometheus.HistogramVec
}

func newMetrics(s *Server) *metrics {
	counter := func(name, help string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: "gradigo_jobs_" + name + "_total", Help: help}, []string{"fn"})
	}
	buckets := []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}
	m := &metrics{
		reg:       prometheus.NewRegistry(),
		queued:    counter("queued", "Jobs accepted into the queue, per listener (api_name)."),
		refused:   counter("refused", "Joins refused because the queue was full or stopped."),
		started:   counter("started", "Jobs that started running."),
		finished:  counter("finished", "Jobs that ended successfully."),
		failed:    counter("failed", "Jobs that ended with an error, a panic or a time limit."),
		cancelled: counter("cancelled", "Jobs cancelled by a client, a Stop button or a closed stream."),
		waitTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "gradigo_job_wait_seconds",
			Help: "Time from join to start.", Buckets: buckets}, []string{"fn"}),
		runTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "gradigo_job_run_seconds",
			Help: "Time from start to end of jobs that ran.", Buckets: buckets}, []string{"fn"}),
	}
	m.reg.MustRegister(m.queued, m.refused, m.started, m.finished, m.failed, m.cancelled, m.waitTime, m.runTime,
		&groupCollector{q: s.queue, waiting: prometheus.NewDesc("gradigo_queue_waiting",
			"Jobs waiting, per concurrency group.", []string{"group"}, nil),
			running: prometheus.NewDesc("gradigo_queue_running", "Runs holding a slot, per concurrency group.", []string{"group"}, nil)},
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "gradigo_sessions", Help: "Sessions the server holds."},
			func() float64 { return float64(s.sessions.len()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "gradigo_streams_open", Help: "Open queue streams (not heartbeat or curl streams)."},
			func() float64 {
				n := 0
				s.conns.Range(func(_, v any) bool {
					if v.(*conn).sess != nil {
						n++
					}
					return true
				})
				return float64(n)
			}),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	if cl := s.cluster; cl != nil {
		for _, c := range []struct {
			name, help string
			value      func(st cluster.Stats) uint64
		}{
			{"commands", "Commands this replica sent to the cluster's store.", func(st cluster.Stats) uint64 { return st.Commands }},
			{"lease_renewals", "Run leases this replica renewed.", func(st cluster.Stats) uint64 { return st.Renewals }},
			{"leases_lost", "Run leases this replica lost (its runs were stopped).", func(st cluster.Stats) uint64 { return st.LeasesLost }},
			{"runs_reaped", "Runs of any replica whose slot this replica freed after their lease ran out.", func(st cluster.Stats) uint64 { return st.Reaped }},
			{"messages_relayed", "Stream messages this replica relayed to the replica holding the stream.", func(st cluster.Stats) uint64 { return st.Relayed }},
		} {
			m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "gradigo_cluster_" + c.name + "_total", Help: c.help},
				func() float64 { return float64(c.value(cl.Stats())) }))
		}
	}
	return m
}

// jobStarted and jobEnded are called from the job's sink.
func (m *metrics) jobStarted(fn string, waited time.Duration) {
	if m == nil {
		return
	}
	m.started.WithLabelValues(fn).Inc()
	m.waitTime.WithLabelValues(fn).Observe(waited.Seconds())
}

func (m *metrics) jobEnded(fn string, ev queue.Completed, ran bool) {
	if m == nil {
		return
	}
	switch {
	case ev.Err == nil:
		m.finished.WithLabelValues(fn).Inc()
	case errors.Is(ev.Err, queue.ErrCancelled):
		m.cancelled.WithLabelValues(fn).Inc()
	default:
		m.failed.WithLabelValues(fn).Inc()
	}
	if ran {
		m.runTime.WithLabelValues(fn).Observe(ev.Duration.Seconds())
	}
}

func (m *metrics) jobQueued(fn string) {
	if m != nil {
		m.queued.WithLabelValues(fn).Inc()
	}
}

func (m *metrics) jobRefused(fn string) {
	if m != nil {
		m.refused.WithLabelValues(fn).Inc()
	}
}

// groupCollector reports the queue's groups at scrape time.
type groupCollector struct {
	q                *queue.Queue
	waiting, running *prometheus.Desc
}

func (c *groupCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.waiting; ch <- c.running }

func (c *groupCollector) Collect(ch chan<- prometheus.Metric) {
	for id, g := range c.q.GroupStats() {
		ch <- prometheus.MustNewConstMetric(c.waiting, prometheus.GaugeValue, float64(g.Waiting), id)
		ch <- prometheus.MustNewConstMetric(c.running, prometheus.GaugeValue, float64(g.Running), id)
	}
}

// opsRoutes registers /metrics and /healthz unless they are turned off.
func (s *Server) opsRoutes(g *echo.Group) {
	if s.metrics == nil {
		return
	}
	g.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})))
	g.GET("/healthz", func(c echo.Context) error {
		if s.closing.Load() {
			return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
		}
		if s.cluster != nil {
			// A replica that cannot reach the cluster's store can take no
			// join: the balancer should send users elsewhere.
			if err := s.cluster.Ping(c.Request().Context()); err != nil {
				return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "cluster store unreachable", "redis": "unreachable"})
			}
			return c.JSON(http.StatusOK, map[string]string{"status": "ok", "redis": "ok"})
		}
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
}
