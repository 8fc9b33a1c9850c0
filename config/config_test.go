package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/spf13/viper"
)

// load prepares a fresh viper with env from the map, reads file (when set) and loads.
func load(t *testing.T, env map[string]string, file string) (Config, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	v := viper.New()
	Prepare(v)
	if err := ReadFile(v, file); err != nil {
		return Config{}, err
	}
	return Load(v)
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadDefaults(t *testing.T) {
	c, err := load(t, nil, "")
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	want := Config{Color: "auto", MaxBytes: DefaultMaxBytes, Serve: Serve{Addr: "127.0.0.1:7878"}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load() = %+v, want %+v", c, want)
	}
}

func TestLoadPrecedence(t *testing.T) {
	file := writeFile(t, "blackline.yaml", `
archive: /from/file
author:
  name: File Author
  email: file@example.org
names:
  known: [Frank Friberg, Lee H. Wigren]
redaction:
  patterns: ['\[withdrawn\]']
`)
	tests := []struct {
		name string
		env  map[string]string
		want func(Config) bool
	}{
		{"file values", nil, func(c Config) bool {
			return c.Archive == "/from/file" && c.Author.Name == "File Author" &&
				reflect.DeepEqual(c.Names.Known, []string{"Frank Friberg", "Lee H. Wigren"}) &&
				reflect.DeepEqual(c.Redaction.Patterns, []string{`\[withdrawn\]`})
		}},
		{"env over file", map[string]string{"BLACKLINE_ARCHIVE": "/from/env", "BLACKLINE_AUTHOR_NAME": "Env Author"}, func(c Config) bool {
			return c.Archive == "/from/env" && c.Author.Name == "Env Author" && c.Author.Email == "file@example.org"
		}},
		{"env list, one entry a line", map[string]string{"BLACKLINE_NAMES_KNOWN": "Anna Kowalski\nRobert Fulton\n"}, func(c Config) bool {
			return reflect.DeepEqual(c.Names.Known, []string{"Anna Kowalski", "Robert Fulton"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, tt.env, file)
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			if !tt.want(c) {
				t.Errorf("Load() = %+v", c)
			}
		})
	}
}

func TestLoadRefusals(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		file    string
		wantKey string
		wantIs  error
	}{
		{"typo in a key", nil, "archve: /x\n", "archve", ErrUnknownKey},
		{"typo in a nested key", nil, "names:\n  knwon: [A]\n", "names.knwon", ErrUnknownKey},
		{"invalid redaction pattern", nil, "redaction:\n  patterns: ['(b)(1']\n", "redaction.patterns", nil},
		{"invalid marking pattern from env", map[string]string{"BLACKLINE_MARKING_PATTERNS": "[unclosed"}, "", "marking.patterns", nil},
		{"bad color", map[string]string{"BLACKLINE_COLOR": "sometimes"}, "", "color", nil},
		{"zero max_bytes", nil, "max_bytes: 0\n", "max_bytes", nil},
		{"email with brackets", nil, "author:\n  email: <a@b>\n", "author.email", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := ""
			if tt.file != "" {
				file = writeFile(t, "blackline.yaml", tt.file)
			}
			_, err := load(t, tt.env, file)
			var ke *KeyError
			if !errors.As(err, &ke) {
				t.Fatalf("Load() error = %v, want a *KeyError", err)
			}
			if ke.Key != tt.wantKey {
				t.Errorf("Load() error key = %q, want %q (%v)", ke.Key, tt.wantKey, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("Load() error = %v, want errors.Is %v", err, tt.wantIs)
			}
		})
	}
}

func TestReadFileMalformed(t *testing.T) {
	file := writeFile(t, "blackline.yaml", "archive: [unclosed\n")
	v := viper.New()
	Prepare(v)
	if err := ReadFile(v, file); err == nil {
		t.Fatalf("ReadFile(%q) = nil, want an error for malformed YAML", file)
	}
	if err := ReadFile(v, filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Fatal("ReadFile(missing) = nil, want an error")
	}
}

func TestFindFile(t *testing.T) {
	archive, user := t.TempDir(), t.TempDir()
	if got := FindFile("", archive, user); got != "" {
		t.Errorf("FindFile with no files = %q, want \"\"", got)
	}
	userFile := filepath.Join(user, "blackline", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(userFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(userFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := FindFile("", archive, user); got != userFile {
		t.Errorf("FindFile = %q, want the user file %q", got, userFile)
	}
	archiveFile := filepath.Join(archive, FileName)
	if err := os.WriteFile(archiveFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := FindFile("", archive, user); got != archiveFile {
		t.Errorf("FindFile = %q, want the archive's file %q", got, archiveFile)
	}
	if got := FindFile("/explicit.yaml", archive, user); got != "/explicit.yaml" {
		t.Errorf("FindFile(explicit) = %q, want /explicit.yaml", got)
	}
}
