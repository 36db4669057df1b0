// Command gocache is the Go build cache of a class server: every learner's go
// command reads one shared, precompiled cache and writes only its own.
//
// The go command needs to write to its build cache: it adds an entry for
// every package it compiles, rewrites an action entry that it finds stale,
// and touches (os.Chtimes) the entries it uses, at most once an hour, so that
// trimming keeps them. A cache shared read-only therefore breaks builds
// ("open .../xx-d: permission denied"), and a cache shared writable lets one
// learner change what another learner's builds link. Since Go 1.24 the go
// command can delegate its cache to a program named by GOCACHEPROG, spoken to
// in JSON over standard input and output (cmd/go/internal/cacheprog). This
// is such a program, with two layers:
//
//	GOCACHEPROG="gocache -dir $HOME/.cache/gmmlab-go -shared /opt/gmmlab-hub/gocache"
//
// A get looks in -dir, then in each -shared directory in order, and answers
// with the path of the file that holds the output; a put writes to -dir only.
// The shared directories are only ever opened for reading, so they can belong
// to root with mode 0755/0644: no learner can add to them or change them,
// and the operating system, not this program, guarantees it. The hub fills
// the shared layer once, as root, by building the lessons' packages with
// GOCACHEPROG="gocache -dir /opt/gmmlab-hub/gocache".
//
// # Layout
//
// A directory holds a/HH/ACTION, one line "OUTPUT SIZE UNIXNANO" per action
// (hex action and output IDs, HH the first byte of the ID), and o/HH/OUTPUT,
// the output itself. Files are written to a temporary name and renamed, so
// concurrent go commands never see half an entry.
//
// # Trimming
//
// A get that hits in -dir refreshes the entry's time at most once an hour;
// once a day, entries of -dir unused for five days are removed, as the go
// command trims its own cache. The shared layers are never trimmed.
package main
