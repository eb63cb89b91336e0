package testapp

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// StartServer runs app as `amem serve` does (apis.Serve, with the dashboard),
// on a free port of 127.0.0.1, until the test ends. It returns the base URL.
func StartServer(t testing.TB, app *tests.TestApp) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		e.Listener = listener
		e.InstallerFunc = nil // never open a browser to install a superuser
		return e.Next()
	})
	done := make(chan error, 1)
	go func() { done <- apis.Serve(app, apis.ServeConfig{HttpAddr: listener.Addr().String()}) }()

	base := "http://" + listener.Addr().String()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := http.Get(base + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-done:
			t.Fatalf("server stopped: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Serving starts the cron, whose jobs (the overdue job every five
	// minutes, retention) run on the wall clock: a test that set up an
	// overdue case saw it moved when it ran at :25. Tests run the jobs
	// themselves (escalateOverdue, the retention pass), never by the clock.
	app.Cron().Stop()
	t.Cleanup(func() {
		app.OnTerminate().Trigger(&core.TerminateEvent{App: app}, func(e *core.TerminateEvent) error { return nil })
		<-done
		app.Cleanup()
	})
	return base
}
