package web

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/blackline/blackline/diff"
)

// serveArchive serves the test archive the way blackline serve does (Serve, with the
// timeouts and limits of NewHTTPServer) on a loopback port, and returns its address.
func serveArchive(t *testing.T) string {
	t.Helper()
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Archive: testArchive(t), Differ: d})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, s.Handler()) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// rawRequest writes request on a new connection to addr and returns the status line of
// the answer ("" when the server closed the connection without one).
func rawRequest(t *testing.T, addr, request string) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		return ""
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return ""
	}
	return strings.TrimSpace(line)
}

// TestOversizedRequests: a request line or headers beyond MaxHeaderBytes are refused with
// 431 before any page is computed, and a request body is never read into a page; the
// server answers the next request as usual.
func TestOversizedRequests(t *testing.T) {
	addr := serveArchive(t)
	host := "Host: " + addr + "\r\n"
	tests := []struct {
		name, request, want string
	}{
		{"long URL", "GET /?q=" + strings.Repeat("a", 2*MaxHeaderBytes) + " HTTP/1.1\r\n" + host + "\r\n", "431"},
		{"long header", "GET / HTTP/1.1\r\n" + host + "X-Pad: " + strings.Repeat("a", 2*MaxHeaderBytes) + "\r\n\r\n", "431"},
		{"many headers", "GET / HTTP/1.1\r\n" + host + strings.Repeat("X-Pad: aaaaaaaaaaaaaaaa\r\n", MaxHeaderBytes/8) + "\r\n", "431"},
		{"a body on POST", "POST / HTTP/1.1\r\n" + host + "Content-Length: 1000000000\r\n\r\n" + strings.Repeat("a", 1<<16), "405"},
		{"a page after them", "GET / HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawRequest(t, addr, tt.request); !strings.Contains(got, " "+tt.want+" ") {
				t.Errorf("%s: status line %q, want %s", tt.name, got, tt.want)
			}
		})
	}
}

// TestSlowClients: a client that sends its request headers too slowly (slowloris: never
// finished, or one byte a second) is disconnected by the server's header timeout rather
// than holding a connection for ever, and the server answers others meanwhile. The cases
// run side by side and wait for ReadHeaderTimeout (5 s).
func TestSlowClients(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the server's read timeouts")
	}
	addr := serveArchive(t)
	tests := []struct {
		name    string
		start   string        // what the client sends at once
		trickle time.Duration // then one byte this often
	}{
		{"headers never finished", "GET / HTTP/1.1\r\nHost: " + addr + "\r\n", 0},
		{"headers one byte a second", "GET / HTTP/1.1\r\n", time.Second},
	}
	t.Run("clients", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				slowClient(t, addr, tt.start, tt.trickle)
			})
		}
	})
	if got := rawRequest(t, addr, "GET / HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n"); !strings.Contains(got, " 200 ") {
		t.Errorf("GET / after slow clients: %q, want 200", got)
	}
}

// slowClient sends start to addr, then one byte every trickle (never, when 0), and fails
// the test unless the server closes the connection within its read timeouts.
func slowClient(t *testing.T, addr, start string, trickle time.Duration) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, start); err != nil {
		t.Fatal(err)
	}
	closed := make(chan error, 1)
	go func() {
		// The longest the server may keep the connection: its read timeouts,
		// and a margin for a loaded machine.
		conn.SetReadDeadline(time.Now().Add(ReadTimeout + ReadHeaderTimeout + 20*time.Second))
		_, err := io.ReadAll(conn)
		closed <- err
	}()
	var tick <-chan time.Time
	if trickle > 0 {
		ticker := time.NewTicker(trickle)
		defer ticker.Stop()
		tick = ticker.C
	}
	for {
		select {
		case err := <-closed:
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("the server kept the connection open past its read timeouts")
			}
			return // closed by the server
		case <-tick:
			conn.Write([]byte("X")) // part of a header name, never finished
		}
	}
}

// TestHugeQuery: a search far longer than any document ID is answered (no match) without
// error.
func TestHugeQuery(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	status, _, _ := get(t, ts, http.MethodGet, "/?q="+strings.Repeat("%E2%96%88", 1000))
	if status != http.StatusOK {
		t.Errorf("GET /?q=█×1000 = %d, want 200", status)
	}
}
