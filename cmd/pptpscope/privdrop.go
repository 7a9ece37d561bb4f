package main

import (
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// runAs is the user live -Z switches to once the interface is open, as
// tcpdump -Z does: the files -w creates (and every rotated FILE.N) are
// then that user's, and a flaw in the decoders cannot act as root.
type runAs struct {
	name     string
	uid, gid int
	groups   []int
}

// lookupRunAs resolves -Z USER (a name or a numeric uid) before anything is
// opened, so that a typo is a usage error.
func lookupRunAs(name string) (*runAs, error) {
	u, err := user.Lookup(name)
	if err != nil {
		if _, numErr := strconv.Atoi(name); numErr == nil {
			u, err = user.LookupId(name)
		}
	}
	if err != nil {
		return nil, usageError{textErr("cli.err.no-such-runas", name)}
	}
	r := &runAs{name: name}
	if r.uid, err = strconv.Atoi(u.Uid); err != nil {
		return nil, textErr("cli.err.runas-id", name, "uid", u.Uid, err)
	}
	if r.gid, err = strconv.Atoi(u.Gid); err != nil {
		return nil, textErr("cli.err.runas-id", name, "gid", u.Gid, err)
	}
	gids, err := u.GroupIds()
	if err != nil {
		gids = []string{u.Gid} // no group database entry: the primary group only
	}
	for _, g := range gids {
		if n, err := strconv.Atoi(g); err == nil {
			r.groups = append(r.groups, n)
		}
	}
	return r, nil
}

// errDrop wraps every failure to give up root.
var errDrop = textErr("cli.err.drop")

// drop switches the whole process (every thread: Go's syscall package
// applies setgroups, setgid and setuid to all threads on Linux) to the
// user, then checks that root cannot be taken back.
func (r *runAs) drop() error {
	if os.Geteuid() != 0 {
		if os.Geteuid() == r.uid && os.Getuid() == r.uid {
			return nil // already that user
		}
		return textErr("cli.err.drop-not-root", r.name, errDrop, os.Geteuid())
	}
	if err := syscall.Setgroups(r.groups); err != nil {
		return textErr("cli.err.drop-setgroups", r.name, errDrop, detail{err})
	}
	if err := syscall.Setgid(r.gid); err != nil {
		return textErr("cli.err.drop-setgid", r.name, errDrop, r.gid, detail{err})
	}
	if err := syscall.Setuid(r.uid); err != nil {
		return textErr("cli.err.drop-setuid", r.name, errDrop, r.uid, detail{err})
	}
	if r.uid != 0 && (os.Getuid() != r.uid || os.Geteuid() != r.uid || syscall.Setuid(0) == nil) {
		return textErr("cli.err.drop-still-root", r.name, errDrop)
	}
	return nil
}
