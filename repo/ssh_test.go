package repo

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"
)

// TestSSHCredentials follows an ssh remote as far as it goes without an ssh server: the
// credentials are built, then the connection fails on a port where nothing listens.
func TestSSHCredentials(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("SSH_AUTH_SOCK", "")
	t.Setenv("SSH_KNOWN_HOSTS", "")
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(home, ".ssh", "known_hosts"), "")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "ssh://git@" + l.Addr().String() + "/memos.git"
	l.Close() // nothing listens there now

	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(home, ".ssh", "id_test")
	write(t, keyFile, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})))
	badKey := filepath.Join(home, ".ssh", "id_bad")
	write(t, badKey, "not a key\n")

	a, _ := sampleArchive(t)
	for _, tt := range []struct {
		name  string
		creds Credentials
		want  error
	}{
		{"no agent, no key", Credentials{}, ErrAuth},
		{"unreadable key", Credentials{SSHKeyFile: badKey}, ErrAuth},
		{"missing key", Credentials{SSHKeyFile: filepath.Join(home, "none")}, ErrAuth},
		{"key, nobody listening", Credentials{SSHKeyFile: keyFile}, ErrTransport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Push(ctx, url, RemoteOptions{Credentials: tt.creds})
			if !errors.Is(err, tt.want) {
				t.Errorf("Push(%s) with %s = %v, want %v", url, tt.name, err, tt.want)
			}
		})
	}
}
