package serve

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/soa-tool/soa/internal/serveconfig"
)

// shutdownGrace is how long Run lets requests in flight (a save, a
// download) finish once it is told to stop.
const shutdownGrace = 5 * time.Second

// Run serves the page l describes on its listener until ctx is done: the
// serveconfig.Runner that the companion binary soa-serve hands to soa's
// command line.
func Run(ctx context.Context, l serveconfig.Launch) error {
	srv, err := New(l.Config)
	if err != nil {
		l.Listener.Close()
		return err
	}
	if l.Ready != nil {
		l.Ready(srv.URL())
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(l.Listener) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		_ = hs.Shutdown(shut)
	}
	return nil
}
