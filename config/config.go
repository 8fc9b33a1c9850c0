package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/viper"
)

// DefaultMaxBytes is the largest version text accepted unless max_bytes says otherwise.
const DefaultMaxBytes = 50 << 20

// FileName is the name of the per-archive config file, looked up at the archive root.
const FileName = "blackline.yaml"

// Config is every setting blackline reads, after precedence has been applied.
type Config struct {
	// Archive is the archive directory; empty means the current directory.
	Archive string `mapstructure:"archive"`
	// Author is who writes versions when GIT_AUTHOR_* is not set.
	Author Identity `mapstructure:"author"`
	// Color is auto, always or never.
	Color string `mapstructure:"color"`
	// MaxBytes is the largest text accepted by add and import.
	MaxBytes int64 `mapstructure:"max_bytes"`
	// Redaction holds extra redaction-marker patterns.
	Redaction Patterns `mapstructure:"redaction"`
	// Marking holds extra classification-marking patterns.
	Marking Patterns `mapstructure:"marking"`
	// Names tunes the personal-name recognizer.
	Names Names `mapstructure:"names"`
	// Serve configures the web viewer.
	Serve Serve `mapstructure:"serve"`
}

// Identity is a name and e-mail address.
type Identity struct {
	Name  string `mapstructure:"name"`
	Email string `mapstructure:"email"`
}

// Patterns is a list of regular expressions added to a recognizer's defaults.
type Patterns struct {
	Patterns []string `mapstructure:"patterns"`
}

// Names lists names to always recognize (Known) and words never to take for names (Ignore).
type Names struct {
	Known  []string `mapstructure:"known"`
	Ignore []string `mapstructure:"ignore"`
}

// Serve holds the web viewer's settings.
type Serve struct {
	Addr string `mapstructure:"addr"`
}

// KeyError reports a configuration value that is not acceptable, naming its key.
type KeyError struct {
	Key    string
	Source string // the config file it came from, when known
	Err    error
}

func (e *KeyError) Error() string {
	if e.Source != "" {
		return fmt.Sprintf("config %s (in %s): %v", e.Key, e.Source, e.Err)
	}
	return fmt.Sprintf("config %s: %v", e.Key, e.Err)
}

func (e *KeyError) Unwrap() error { return e.Err }

// ErrUnknownKey is wrapped by the KeyError for a key blackline does not know.
var ErrUnknownKey = errors.New("unknown key")

// keys lists every key with its default; it is also the list of known keys.
var keys = []struct {
	name string
	def  any
}{
	{"archive", ""},
	{"author.name", ""},
	{"author.email", ""},
	{"color", "auto"},
	{"max_bytes", int64(DefaultMaxBytes)},
	{"redaction.patterns", []string{}},
	{"marking.patterns", []string{}},
	{"names.known", []string{}},
	{"names.ignore", []string{}},
	{"serve.addr", "127.0.0.1:7878"},
}

// Keys returns the names of every configuration key, sorted.
func Keys() []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	sort.Strings(out)
	return out
}

// Prepare sets defaults and environment binding on v: every key is bound to
// BLACKLINE_<KEY> with dots turned into underscores (author.name → BLACKLINE_AUTHOR_NAME).
func Prepare(v *viper.Viper) {
	v.SetEnvPrefix("BLACKLINE")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	for _, k := range keys {
		v.SetDefault(k.name, k.def)
		_ = v.BindEnv(k.name) // cannot fail with a non-empty key
	}
}

// FindFile returns the config file to read: explicit when set, else blackline.yaml in
// archiveDir when it exists, else blackline/config.yaml under userDir when it exists, else "".
func FindFile(explicit, archiveDir, userDir string) string {
	if explicit != "" {
		return explicit
	}
	candidates := []string{}
	if archiveDir != "" {
		candidates = append(candidates, filepath.Join(archiveDir, FileName))
	}
	if userDir != "" {
		candidates = append(candidates, filepath.Join(userDir, "blackline", "config.yaml"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c
		}
	}
	return ""
}

// ReadFile merges the config file at path into v. A file that cannot be read or parsed,
// or that holds a key blackline does not know, is an error.
func ReadFile(v *viper.Viper, path string) error {
	if path == "" {
		return nil
	}
	f := viper.New()
	f.SetConfigFile(path)
	if filepath.Ext(path) == "" {
		f.SetConfigType("yaml")
	}
	if err := f.ReadInConfig(); err != nil {
		return fmt.Errorf("read config %s: %w", path, err)
	}
	known := map[string]bool{}
	for _, k := range keys {
		known[k.name] = true
	}
	for _, k := range f.AllKeys() {
		if !known[k] {
			return &KeyError{Key: k, Source: path, Err: fmt.Errorf("%w (known keys: %s)", ErrUnknownKey, strings.Join(Keys(), ", "))}
		}
	}
	v.SetConfigFile(path)
	if filepath.Ext(path) == "" {
		v.SetConfigType("yaml")
	}
	if err := v.MergeInConfig(); err != nil {
		return fmt.Errorf("read config %s: %w", path, err)
	}
	return nil
}

// Load decodes v into a Config and validates it.
func Load(v *viper.Viper) (Config, error) {
	var c Config
	if err := v.UnmarshalExact(&c); err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	c.Redaction.Patterns = splitList(c.Redaction.Patterns)
	c.Marking.Patterns = splitList(c.Marking.Patterns)
	c.Names.Known = splitList(c.Names.Known)
	c.Names.Ignore = splitList(c.Names.Ignore)
	return c, c.Validate(v.ConfigFileUsed())
}

// splitList accepts both a YAML list and an environment variable holding one
// newline-separated list; blank entries are dropped.
func splitList(in []string) []string {
	var out []string
	for _, s := range in {
		for _, part := range strings.Split(s, "\n") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Validate checks every value, returning a *KeyError for the first bad one.
func (c Config) Validate(source string) error {
	switch c.Color {
	case "auto", "always", "never":
	default:
		return &KeyError{Key: "color", Source: source, Err: fmt.Errorf("%q is not auto, always or never", c.Color)}
	}
	if c.MaxBytes <= 0 {
		return &KeyError{Key: "max_bytes", Source: source, Err: fmt.Errorf("%d is not a positive size", c.MaxBytes)}
	}
	for _, p := range []struct {
		key  string
		list []string
	}{{"redaction.patterns", c.Redaction.Patterns}, {"marking.patterns", c.Marking.Patterns}} {
		for _, expr := range p.list {
			if _, err := regexp.Compile(expr); err != nil {
				return &KeyError{Key: p.key, Source: source, Err: fmt.Errorf("invalid regular expression %q: %w", expr, err)}
			}
		}
	}
	if c.Author.Email != "" && strings.ContainsAny(c.Author.Email, "<>\n") {
		return &KeyError{Key: "author.email", Source: source, Err: fmt.Errorf("%q is not an e-mail address", c.Author.Email)}
	}
	if strings.ContainsAny(c.Author.Name, "<>\n") {
		return &KeyError{Key: "author.name", Source: source, Err: fmt.Errorf("%q contains <, > or a newline", c.Author.Name)}
	}
	return nil
}
