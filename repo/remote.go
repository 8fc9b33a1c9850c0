package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
)

// DefaultRemote is the remote Push and Pull use when none is named, as git does.
const DefaultRemote = "origin"

// Remote is a named remote of the archive, recorded in the repository's config the way
// git records it ([remote "NAME"] url = …, fetch = +refs/heads/*:refs/remotes/NAME/*), so
// that the git CLI sees it too.
type Remote struct {
	Name string
	URL  string
}

// Credentials authenticate with a remote. Empty fields leave go-git's defaults: over ssh,
// the keys of the ssh agent (SSH_AUTH_SOCK) and host keys checked against known_hosts;
// over http(s), the user and password written in the URL, if any.
type Credentials struct {
	// Username and Password are sent over http(s) (basic authentication); a password may
	// be an access token. An empty Username with a Password is sent as "git".
	Username, Password string
	// SSHKeyFile is a private key file used over ssh instead of the ssh agent, unlocked
	// with SSHKeyPassphrase when it is encrypted.
	SSHKeyFile, SSHKeyPassphrase string
}

// RemoteOptions say how to reach a remote.
type RemoteOptions struct {
	Credentials Credentials
	// Transport, when set, carries the exchange for every URL, in place of go-git's client
	// for the URL's scheme; file paths are otherwise read and written directly, in-process.
	// Tests use go-git's in-process server here.
	Transport transport.Transport
}

// remoteNameProblem says why name cannot name a remote; "" when it can. Remote names are
// one ref-name segment: [A-Za-z0-9][A-Za-z0-9._-]*, not ending in ".lock" or ".".
func remoteNameProblem(name string) string {
	if name == "" {
		return "empty"
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')) {
			return "want letters, digits, '.', '_' and '-', starting with a letter or digit"
		}
	}
	if strings.HasSuffix(name, ".lock") || strings.HasSuffix(name, ".") || strings.Contains(name, "..") {
		return `may not contain ".." or end in ".lock" or "."`
	}
	return ""
}

// Remotes lists the archive's remotes, sorted by name.
func (a *Archive) Remotes() ([]Remote, error) {
	cfg, err := a.storer.Config()
	if err != nil {
		return nil, fmt.Errorf("read remotes: %w", err)
	}
	var out []Remote
	for name, rc := range cfg.Remotes {
		if len(rc.URLs) > 0 {
			out = append(out, Remote{Name: name, URL: rc.URLs[0]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// AddRemote records a remote: a file path (stored absolute), a file:// URL, an ssh URL
// (ssh://host/path or host:path) or an http(s) URL. The config is rewritten the way git
// does, through config.lock.
func (a *Archive) AddRemote(name, url string) error {
	if p := remoteNameProblem(name); p != "" {
		return fmt.Errorf("add remote %s: %w: name %q: %s", name, ErrInvalidRemote, name, p)
	}
	url, err := normalizeURL(url)
	if err != nil {
		return fmt.Errorf("add remote %s: %w", name, err)
	}
	err = a.updateConfig(func(cfg *config.Config) error {
		if _, ok := cfg.Remotes[name]; ok {
			return fmt.Errorf("%w: %s (%s)", ErrRemoteExists, name, cfg.Remotes[name].URLs)
		}
		rc := &config.RemoteConfig{Name: name, URLs: []string{url}, Fetch: []config.RefSpec{config.RefSpec(fmt.Sprintf(config.DefaultFetchRefSpec, name))}}
		if err := rc.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidRemote, err)
		}
		cfg.Remotes[name] = rc
		return nil
	})
	if err != nil {
		return fmt.Errorf("add remote %s: %w", name, err)
	}
	return nil
}

// RemoveRemote forgets a remote and deletes its remote-tracking refs (refs/remotes/NAME/).
func (a *Archive) RemoveRemote(name string) error {
	err := a.updateConfig(func(cfg *config.Config) error {
		if _, ok := cfg.Remotes[name]; !ok {
			return fmt.Errorf("%w: %s", ErrUnknownRemote, name)
		}
		delete(cfg.Remotes, name)
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove remote %s: %w", name, err)
	}
	if p := remoteNameProblem(name); p == "" {
		if err := os.RemoveAll(filepath.Join(a.commonDir, "refs", "remotes", name)); err != nil {
			return fmt.Errorf("remove remote %s: %w", name, err)
		}
	}
	return nil
}

// updateConfig changes the repository's config file the way git does: it holds
// config.lock, reads the config, applies change, writes the result into the lock file and
// renames it over the config, so that readers never see half a file.
func (a *Archive) updateConfig(change func(*config.Config) error) (err error) {
	file := filepath.Join(a.commonDir, "config")
	lock, err := a.createLockFile(file + ".lock")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			lock.Close()
			os.Remove(lock.Name())
		}
		a.dropLockFile(lock.Name())
	}()
	cfg, err := a.storer.Config()
	if err != nil {
		return fmt.Errorf("read git config: %w", err)
	}
	if err := change(cfg); err != nil {
		return err
	}
	b, err := cfg.Marshal()
	if err != nil {
		return fmt.Errorf("write git config: %w", err)
	}
	if _, err := lock.Write(b); err != nil {
		return fmt.Errorf("write git config: %w", err)
	}
	if err := lock.Close(); err != nil {
		return fmt.Errorf("write git config: %w", err)
	}
	if err := os.Rename(lock.Name(), file); err != nil {
		return fmt.Errorf("write git config: %w", err)
	}
	return nil
}

// normalizeURL checks that url names a remote blackline can reach and makes a file path
// absolute.
func normalizeURL(url string) (string, error) {
	ep, err := transport.NewEndpoint(url)
	if err != nil {
		return "", fmt.Errorf("%w: URL %q: %w", ErrInvalidRemote, url, err)
	}
	switch ep.Protocol {
	case "file":
		if !strings.Contains(url, "://") {
			return ep.Path, nil
		}
	case "ssh", "http", "https", "git":
	default:
		return "", fmt.Errorf("%w: URL %q: scheme %s is not one of file, ssh, http, https, git", ErrInvalidRemote, url, ep.Protocol)
	}
	return url, nil
}

// resolveRemote finds the remote nameOrURL names: a configured remote's name ("" is
// DefaultRemote), else a URL or a file path. name is "" for a URL.
func (a *Archive) resolveRemote(nameOrURL string) (name, url string, err error) {
	explicit := nameOrURL != ""
	if !explicit {
		nameOrURL = DefaultRemote
	}
	remotes, err := a.Remotes()
	if err != nil {
		return "", "", err
	}
	for _, r := range remotes {
		if r.Name == nameOrURL {
			return r.Name, r.URL, nil
		}
	}
	if explicit && (strings.ContainsAny(nameOrURL, "/:\\") || dirExists(nameOrURL)) {
		url, err := normalizeURL(nameOrURL)
		return "", url, err
	}
	var names []string
	for _, r := range remotes {
		names = append(names, r.Name)
	}
	if !explicit && len(names) == 0 {
		return "", "", fmt.Errorf("%w: the archive has no remote; name a URL or path, or add one as %s", ErrUnknownRemote, DefaultRemote)
	}
	known := "none"
	if len(names) > 0 {
		known = strings.Join(names, ", ")
	}
	return "", "", fmt.Errorf("%w: %s (remotes: %s)", ErrUnknownRemote, nameOrURL, known)
}

// auth builds go-git's authentication for the endpoint from the credentials; nil leaves
// go-git's defaults.
func (c Credentials) auth(ep *transport.Endpoint) (transport.AuthMethod, error) {
	switch ep.Protocol {
	case "http", "https":
		if c.Username == "" && c.Password == "" {
			return nil, nil
		}
		user := c.Username
		if user == "" {
			user = "git"
		}
		return &githttp.BasicAuth{Username: user, Password: c.Password}, nil
	case "ssh":
		if c.SSHKeyFile == "" {
			return nil, nil
		}
		user := ep.User
		if user == "" {
			user = "git"
		}
		keys, err := gitssh.NewPublicKeysFromFile(user, c.SSHKeyFile, c.SSHKeyPassphrase)
		if err != nil {
			return nil, fmt.Errorf("%w: ssh key %s: %w", ErrAuth, c.SSHKeyFile, pathErr(err))
		}
		return keys, nil
	}
	return nil, nil
}

// transportError classifies an error of go-git's transport: ErrAuth, ErrRemoteNotFound or
// ErrTransport, keeping go-git's error in the chain.
func transportError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case errors.Is(err, ErrAuth), errors.Is(err, ErrRemoteNotFound), errors.Is(err, ErrTransport), errors.Is(err, ErrRejected):
		return err
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed),
		errors.Is(err, transport.ErrInvalidAuthMethod),
		strings.Contains(msg, "unable to authenticate"), strings.Contains(msg, "SSH_AUTH_SOCK"):
		return fmt.Errorf("%w: %w", ErrAuth, err)
	case strings.Contains(msg, "knownhosts"):
		return fmt.Errorf("%w: the remote's host key is not in known_hosts or does not match it (connect once with ssh to check it): %w", ErrAuth, err)
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("%w: %w", ErrRemoteNotFound, err)
	}
	return fmt.Errorf("%w: %w", ErrTransport, err)
}
