package repo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/protocol/packp"
	"github.com/go-git/go-git/v5/plumbing/protocol/packp/capability"
	"github.com/go-git/go-git/v5/plumbing/protocol/packp/sideband"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/client"
)

// The exchange with a remote, all in-process. A remote given by a file path or file://
// URL is opened as an archive and read and written directly: objects travel as one
// packfile, refs move under the remote's writer lock with git's "<ref>.lock" and a
// compare-and-set, as Add moves them. Any other remote (ssh, http(s), git) is reached
// through go-git's transport: the same packfile and ref commands, spoken in git's protocol,
// and the server compares the old values. go-git's own file transport would run the git
// binary (git-upload-pack), and its in-process server writes refs without git's locks; so
// neither is used for file paths.

// remoteRefs is what a remote holds: its main branch and its tags.
type remoteRefs struct {
	main plumbing.Hash            // zero when the remote has no main branch
	tags map[string]plumbing.Hash // tag ref name ("refs/tags/…") → the object it names
}

// refUpdate moves a ref of the remote from old (zero: create) to new.
type refUpdate struct {
	name     string
	old, new plumbing.Hash
}

// fetchSession reads a remote's refs and copies objects from it.
type fetchSession interface {
	refs() remoteRefs
	// fetch copies into a every object reachable from wants that a lacks, given that a
	// holds every commit of known (with all it reaches), of which haves are the ones to
	// name to a server.
	fetch(ctx context.Context, a *Archive, wants, haves []plumbing.Hash, known map[plumbing.Hash]bool) error
	close() error
}

// pushSession writes objects and refs into a remote.
type pushSession interface {
	refs() remoteRefs
	// push sends the objects (from a) and applies the updates, each only if the ref still
	// holds its old value.
	push(ctx context.Context, a *Archive, updates []refUpdate, objects []plumbing.Hash) error
	close() error
}

// endpoint parses a remote URL or path.
func endpoint(url string) (*transport.Endpoint, error) {
	ep, err := transport.NewEndpoint(url)
	if err != nil {
		return nil, fmt.Errorf("%w: URL %q: %w", ErrInvalidRemote, url, err)
	}
	return ep, nil
}

// openRemoteArchive opens a file remote as an archive.
func openRemoteArchive(ep *transport.Endpoint) (*Archive, error) {
	r, err := Open(ep.Path)
	if errors.Is(err, ErrNotArchive) {
		return nil, fmt.Errorf("%w: %w", ErrRemoteNotFound, err)
	}
	return r, err
}

// openFetch connects to the remote at url for reading.
func openFetch(ctx context.Context, url string, opts RemoteOptions) (fetchSession, error) {
	ep, err := endpoint(url)
	if err != nil {
		return nil, err
	}
	if ep.Protocol == "file" && opts.Transport == nil {
		r, err := openRemoteArchive(ep)
		if err != nil {
			return nil, err
		}
		refs, err := r.remoteRefs()
		if err != nil {
			return nil, err
		}
		return &localSession{remote: r, advertised: refs}, nil
	}
	t, auth, err := netTransport(ep, opts)
	if err != nil {
		return nil, err
	}
	s, err := t.NewUploadPackSession(ep, auth)
	if err != nil {
		return nil, transportError(err)
	}
	ar, err := s.AdvertisedReferencesContext(ctx)
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return &netFetch{s: s, caps: capability.NewList(), advertised: remoteRefs{tags: map[string]plumbing.Hash{}}}, nil
	}
	if err != nil {
		s.Close()
		return nil, transportError(err)
	}
	return &netFetch{s: s, caps: ar.Capabilities, advertised: advertisedRefs(ar)}, nil
}

// openPush connects to the remote at url for writing. A file remote's writer lock is held
// until the session is closed, so that its refs stay as read.
func openPush(ctx context.Context, url string, opts RemoteOptions) (pushSession, error) {
	ep, err := endpoint(url)
	if err != nil {
		return nil, err
	}
	if ep.Protocol == "file" && opts.Transport == nil {
		r, err := openRemoteArchive(ep)
		if err != nil {
			return nil, err
		}
		if !r.Bare() {
			if onMain, err := r.headIsMain(); err != nil || onMain {
				if err == nil {
					err = fmt.Errorf("%w: %s has main checked out in its worktree; push to a bare archive (blackline init, or git init --bare) instead", ErrRejected, ep.Path)
				}
				return nil, err
			}
		}
		unlock, err := r.lockWriters()
		if err != nil {
			return nil, err
		}
		refs, err := r.remoteRefs()
		if err != nil {
			unlock()
			return nil, err
		}
		return &localSession{remote: r, advertised: refs, unlock: unlock}, nil
	}
	t, auth, err := netTransport(ep, opts)
	if err != nil {
		return nil, err
	}
	s, err := t.NewReceivePackSession(ep, auth)
	if err != nil {
		return nil, transportError(err)
	}
	ar, err := s.AdvertisedReferencesContext(ctx)
	if err != nil {
		s.Close()
		return nil, transportError(err)
	}
	return &netPush{s: s, caps: ar.Capabilities, advertised: advertisedRefs(ar)}, nil
}

// netTransport picks go-git's client for the endpoint's scheme, or opts.Transport.
func netTransport(ep *transport.Endpoint, opts RemoteOptions) (transport.Transport, transport.AuthMethod, error) {
	auth, err := opts.Credentials.auth(ep)
	if err != nil {
		return nil, nil, err
	}
	if opts.Transport != nil {
		return opts.Transport, auth, nil
	}
	t, err := client.NewClient(ep)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrInvalidRemote, err)
	}
	return t, auth, nil
}

// advertisedRefs keeps main and the tags of a remote's advertisement.
func advertisedRefs(ar *packp.AdvRefs) remoteRefs {
	refs := remoteRefs{tags: map[string]plumbing.Hash{}}
	for name, h := range ar.References {
		switch {
		case name == mainRef:
			refs.main = h
		case strings.HasPrefix(name, "refs/tags/") && !strings.HasSuffix(name, "^{}"):
			refs.tags[name] = h
		}
	}
	return refs
}

// remoteRefs reads main and every tag of the archive, as a remote advertises them.
func (a *Archive) remoteRefs() (remoteRefs, error) {
	refs := remoteRefs{tags: map[string]plumbing.Hash{}}
	h, ok, err := a.head()
	if err != nil {
		return refs, err
	}
	if ok {
		refs.main = h
	}
	err = a.eachRef("refs/tags/", func(name string, h plumbing.Hash) {
		refs.tags[name] = h
	})
	return refs, err
}

// localSession exchanges with a remote on the file system, opened as an archive.
type localSession struct {
	remote     *Archive
	advertised remoteRefs
	unlock     func() // releases the remote's writer lock; nil for reading
}

func (s *localSession) refs() remoteRefs { return s.advertised }

func (s *localSession) fetch(_ context.Context, a *Archive, wants, _ []plumbing.Hash, known map[plumbing.Hash]bool) error {
	objects, err := objectsToSend(s.remote, wants, known)
	if err != nil {
		return err
	}
	return copyObjects(s.remote, a, objects)
}

func (s *localSession) push(_ context.Context, a *Archive, updates []refUpdate, objects []plumbing.Hash) error {
	if err := copyObjects(a, s.remote, objects); err != nil {
		return err
	}
	tags := map[string]plumbing.Hash{}
	for _, u := range updates {
		if strings.HasPrefix(u.name, "refs/tags/") && u.old.IsZero() {
			tags[u.name] = u.new
			continue
		}
		if err := s.remote.updateRef(u.name, u.new, u.old); err != nil {
			if errors.Is(err, errRefChanged) {
				return fmt.Errorf("%w: %s changed on the remote meanwhile; pull, then push again", ErrRejected, u.name)
			}
			return fmt.Errorf("update the remote's %s: %w", u.name, err)
		}
	}
	if err := s.remote.createTags(tags); err != nil {
		return fmt.Errorf("write the remote's tags: %w", err)
	}
	return nil
}

func (s *localSession) close() error {
	if s.unlock != nil {
		s.unlock()
		s.unlock = nil
	}
	return nil
}

// copyObjects writes the objects of from into to as one packfile (without deltas: the
// two archives are on one machine). O(size of the objects).
func copyObjects(from, to *Archive, objects []plumbing.Hash) error {
	if len(objects) == 0 {
		return nil
	}
	rd, wr := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := packfile.NewEncoder(wr, from.storer, false).Encode(objects, 0)
		wr.CloseWithError(err)
		done <- err
	}()
	err := packfile.UpdateObjectStorage(to.storer, rd)
	rd.CloseWithError(err)
	if encErr := <-done; encErr != nil {
		return fmt.Errorf("pack objects: %w", encErr)
	}
	if err != nil {
		return fmt.Errorf("write packfile: %w", err)
	}
	return nil
}

// netFetch reads from a remote through go-git's transport.
type netFetch struct {
	s          transport.UploadPackSession
	caps       *capability.List
	advertised remoteRefs
}

func (f *netFetch) refs() remoteRefs { return f.advertised }

func (f *netFetch) fetch(ctx context.Context, a *Archive, wants, haves []plumbing.Hash, _ map[plumbing.Hash]bool) error {
	req := packp.NewUploadPackRequestFromCapabilities(f.caps)
	if f.caps.Supports(capability.NoProgress) {
		if err := req.Capabilities.Set(capability.NoProgress); err != nil {
			return err
		}
	}
	req.Wants = wants
	req.Haves = haves
	resp, err := f.s.UploadPack(ctx, req)
	if errors.Is(err, transport.ErrEmptyUploadPackRequest) {
		return nil
	}
	if err != nil {
		return transportError(err)
	}
	defer resp.Close()
	var r io.Reader = resp
	switch {
	case req.Capabilities.Supports(capability.Sideband64k):
		r = sideband.NewDemuxer(sideband.Sideband64k, resp)
	case req.Capabilities.Supports(capability.Sideband):
		r = sideband.NewDemuxer(sideband.Sideband, resp)
	}
	if err := packfile.UpdateObjectStorage(a.storer, r); err != nil && !errors.Is(err, packfile.ErrEmptyPackfile) {
		return transportError(fmt.Errorf("receive packfile: %w", err))
	}
	return nil
}

func (f *netFetch) close() error {
	if f.s == nil {
		return nil
	}
	err := f.s.Close()
	f.s = nil
	return err
}

// netPush writes into a remote through go-git's transport.
type netPush struct {
	s          transport.ReceivePackSession
	caps       *capability.List
	advertised remoteRefs
}

func (p *netPush) refs() remoteRefs { return p.advertised }

func (p *netPush) push(ctx context.Context, a *Archive, updates []refUpdate, objects []plumbing.Hash) error {
	req := packp.NewReferenceUpdateRequestFromCapabilities(p.caps)
	for _, u := range updates {
		req.Commands = append(req.Commands, &packp.Command{Name: plumbing.ReferenceName(u.name), Old: u.old, New: u.new})
	}
	cfg, err := a.storer.Config()
	if err != nil {
		return err
	}
	rd, wr := io.Pipe()
	req.Packfile = rd
	done := make(chan error, 1)
	go func() {
		_, err := packfile.NewEncoder(wr, a.storer, !p.caps.Supports(capability.OFSDelta)).Encode(objects, cfg.Pack.Window)
		wr.CloseWithError(err)
		done <- err
	}()
	rs, err := p.s.ReceivePack(ctx, req)
	rd.Close()
	encErr := <-done
	if err != nil {
		if rs != nil && rs.Error() != nil {
			return fmt.Errorf("%w: %w", ErrRejected, rs.Error())
		}
		return transportError(err)
	}
	if encErr != nil {
		return fmt.Errorf("pack objects: %w", encErr)
	}
	if rs != nil {
		if err := rs.Error(); err != nil {
			return fmt.Errorf("%w: %w", ErrRejected, err)
		}
	}
	return nil
}

func (p *netPush) close() error {
	if p.s == nil {
		return nil
	}
	err := p.s.Close()
	p.s = nil
	return err
}

// objectsToSend lists the objects reachable from wants in src that a repository holding
// every commit of have (with all it reaches) lacks: the commits reachable from wants but not
// in have, and of each such commit the trees and blobs that differ from its parents' at the
// same path, plus annotated tag objects among wants. A parent is either sent too or held
// by the receiver, so what is left out is there. O(commits reachable from wants and not in
// have × entries of the trees they change), whatever the size of the rest of the history.
func objectsToSend(src *Archive, wants []plumbing.Hash, have map[plumbing.Hash]bool) ([]plumbing.Hash, error) {
	var out []plumbing.Hash
	trees := newTreeReader(src)
	added := map[plumbing.Hash]bool{}
	add := func(h plumbing.Hash) bool {
		if added[h] {
			return false
		}
		added[h] = true
		out = append(out, h)
		return true
	}
	var commits []plumbing.Hash
	for _, w := range wants {
		if have[w] || added[w] {
			continue
		}
		o, err := src.storer.EncodedObject(plumbing.AnyObject, w)
		if err != nil {
			return nil, fmt.Errorf("read object %s: %w", w, err)
		}
		h := w
		for o.Type() == plumbing.TagObject {
			tag, err := object.DecodeTag(src.storer, o)
			if err != nil {
				return nil, fmt.Errorf("read tag %s: %w", h, err)
			}
			add(h)
			if h = tag.Target; have[h] {
				break
			}
			if o, err = src.storer.EncodedObject(plumbing.AnyObject, h); err != nil {
				return nil, fmt.Errorf("read object %s: %w", h, err)
			}
		}
		if !have[h] && o.Type() == plumbing.CommitObject {
			commits = append(commits, h)
		} else if !have[h] && o.Type() != plumbing.TagObject {
			// A tag of a tree or blob: send what it names whole.
			if err := sendTree(trees, h, o.Type(), nil, add); err != nil {
				return nil, err
			}
		}
	}
	for len(commits) > 0 {
		h := commits[len(commits)-1]
		commits = commits[:len(commits)-1]
		if !add(h) {
			continue
		}
		c, err := src.commit(h)
		if err != nil {
			return nil, err
		}
		var parentTrees []plumbing.Hash
		for _, p := range c.ParentHashes {
			pc, err := object.GetCommit(src.storer, p)
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				continue // a shallow clone's boundary
			}
			if err != nil {
				return nil, fmt.Errorf("read commit %s: %w", p, err)
			}
			parentTrees = append(parentTrees, pc.TreeHash)
			if !have[p] && !added[p] {
				commits = append(commits, p)
			}
		}
		if err := sendTree(trees, c.TreeHash, plumbing.TreeObject, parentTrees, add); err != nil {
			return nil, err
		}
		trees.step()
	}
	return out, nil
}

// sendTree adds object h of type t unless one of the parents' objects at the same place is
// h, and, for a tree, recurses into its entries against the parents' entries of the same
// name. Trees are read through trees, which keeps those of the last two commits: a
// commit's parent, handled next, shares most of them.
func sendTree(trees *treeReader, h plumbing.Hash, t plumbing.ObjectType, parents []plumbing.Hash, add func(plumbing.Hash) bool) error {
	if slices.Contains(parents, h) || !add(h) || t != plumbing.TreeObject {
		return nil
	}
	entries, err := trees.entries(h)
	if err != nil {
		return err
	}
	var parentEntries []map[string]plumbing.Hash
	for _, p := range parents {
		pe, err := trees.entries(p)
		if err != nil {
			continue // not a tree at this place in that parent
		}
		m := make(map[string]plumbing.Hash, len(pe))
		for _, e := range pe {
			m[e.Name] = e.Hash
		}
		parentEntries = append(parentEntries, m)
	}
	for _, e := range entries {
		if e.Mode == filemode.Submodule {
			continue // a commit of another repository
		}
		var sub []plumbing.Hash
		for _, m := range parentEntries {
			if x, ok := m[e.Name]; ok {
				sub = append(sub, x)
			}
		}
		typ := plumbing.BlobObject
		if e.Mode == filemode.Dir {
			typ = plumbing.TreeObject
		}
		if err := sendTree(trees, e.Hash, typ, sub, add); err != nil {
			return err
		}
	}
	return nil
}

// eachRef calls visit with every ref under prefix ("refs/tags/"), loose or packed (a loose
// ref overrides the packed one), with the hash it holds. O(refs).
func (a *Archive) eachRef(prefix string, visit func(name string, h plumbing.Hash)) error {
	refs := map[string]plumbing.Hash{}
	err := a.scanPackedRefs(func(name string, h plumbing.Hash) bool {
		if strings.HasPrefix(name, prefix) {
			refs[name] = h
		}
		return true
	})
	if err != nil {
		return err
	}
	if err := a.looseRefs(prefix, func(name string, h plumbing.Hash) { refs[name] = h }); err != nil {
		return err
	}
	for name, h := range refs {
		visit(name, h)
	}
	return nil
}

// looseRefs calls visit with every loose ref file under prefix and the hash it holds.
func (a *Archive) looseRefs(prefix string, visit func(name string, h plumbing.Hash)) error {
	return a.walkLooseRefs(prefix, func(name, _ string) error {
		h, ok, err := a.readRef(name)
		if err != nil {
			return err
		}
		if ok {
			visit(name, h)
		}
		return nil
	})
}

// walkLooseRefs calls visit with the name ("refs/tags/a@v1") and file path of every loose
// ref file under prefix, skipping lock files; a missing folder has none. O(loose refs).
func (a *Archive) walkLooseRefs(prefix string, visit func(name, path string) error) error {
	root := filepath.Join(a.commonDir, filepath.FromSlash(strings.TrimSuffix(prefix, "/")))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return err
		case d.IsDir() || strings.HasSuffix(p, ".lock"):
			return nil
		}
		rel, err := filepath.Rel(a.commonDir, p)
		if err != nil {
			return err
		}
		return visit(filepath.ToSlash(rel), p)
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", prefix, err)
	}
	return nil
}
