package browsertest

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestBrowserLoadsAPageAndGoesOffline(t *testing.T) {
	ctx := New(t)

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><title>ok</title><p id="p">مرحبا</p>`))
	})}
	go server.Serve(listener)
	defer server.Close()
	base := "http://" + listener.Addr().String()

	Run(t, ctx, 20*time.Second, chromedp.Navigate(base+"/"), chromedp.WaitVisible("#p"))
	if got := Eval[string](t, ctx, `document.getElementById("p").textContent`); got != "مرحبا" {
		t.Fatalf("text = %q", got)
	}
	if !Eval[bool](t, ctx, `navigator.onLine`) {
		t.Fatal("should start online")
	}

	Run(t, ctx, 20*time.Second, Offline(true))
	if Eval[bool](t, ctx, `navigator.onLine`) {
		t.Fatal("navigator.onLine should be false offline")
	}
	failed := Eval[bool](t, ctx, `fetch("/again").then(() => false, () => true)`)
	if !failed {
		t.Fatal("a fetch should fail offline")
	}
	Run(t, ctx, 20*time.Second, Offline(false))
	if !Eval[bool](t, ctx, `fetch("/again").then(r => r.ok)`) {
		t.Fatal("a fetch should work again online")
	}
}
