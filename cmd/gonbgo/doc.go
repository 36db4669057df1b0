// Command gonbgo is the `go` command the GoNB kernel runs for notebook cells:
// it builds a cell's program in about half the time of `go build`, with the
// same compiler and linker invocations, and passes every other use of `go`
// through to the real go command unchanged.
//
// GoNB turns each cell into a program (main.go in the kernel's temporary
// directory, with every declaration of the notebook so far) and runs
// `go build -o <binary>` on it. Most of that build is bookkeeping that gives
// the same answer cell after cell: loading the module graph, hashing the
// sources of some 250 packages to find them all in the build cache, writing
// the import configuration. Only compiling main.go and linking change. gonbgo
// asks the go command once, with `go build -n`, what it would run, keeps that
// plan, and for later cells with the same imports runs just the two steps
// (compile main.go, link) itself.
//
// # When the plan is reused
//
// A plan is keyed on everything `go build` looks at besides main.go's body:
// main.go's imports, the go.mod, go.sum and go.work of the cell's directory
// (the module's name aside, which GoNB makes unique per kernel), the go.mod
// and go.sum of each module the go.work uses, the go binary, and the
// environment variables that steer the go command (GO*, CGO_*, CC, CXX...).
// Before each reuse gonbgo checks that nothing the plan was built from has
// changed: the size and modification time of every source and embedded file
// of the workspace's packages (the library in this checkout) and of their
// directories, the compiler and linker binaries, and that every package
// archive the link needs is still in the build cache. If anything differs,
// the real go command builds the cell and a new plan is made.
//
// A reused plan never marks its binary as built by the go command (it
// carries no Go build ID), so the go command never takes it for up to date.
//
// # When the real go command runs instead
//
// Any command other than exactly `go build -o FILE` (what GoNB runs when the
// cell has no %goflags), a directory with Go files besides main.go, a
// main.go with cgo, //go:build or //go:embed lines, a plan the go command
// would not run as one compile and one link (a library package not yet in
// the build cache), a failed compile (the go command then reports the error,
// word for word as without gonbgo), or GONBGO=off in the environment: then
// gonbgo executes the real go command with the same arguments. The real go
// is the first `go` on PATH after gonbgo's own directory, or $GONBGO_GO.
//
// # The program that does nothing
//
// A cell that only imports packages makes GoNB build a program that does
// nothing but parse its flags, the same program whatever the notebook.
// gonbgo keeps it beside its plan and reuses it in every kernel (its build
// information then names the module of the kernel that built it).
//
// # A cell run again
//
// The last four programs built in a cell's directory are kept there, in
// .gonbgo-programs, keyed on main.go, the module, the compile and link
// commands and the package archives they use: a cell run again with nothing
// changed (the same declarations before it, the same library) gets its
// program back without compiling or linking. GoNB deletes the directory
// with the kernel.
//
// # The program store
//
// Every program gonbgo links also goes to a store shared by the user's
// kernels ($GONBGO_PROGRAMS, default programs/ beside the plans; "off"
// turns it off), and a cell another kernel has run after the same
// declarations, against the same package archives and settings, gets the
// stored program instead of a compile and a link. The store's key is the
// plan's compile and link commands and import configurations (without the
// kernel's module name and the go command's build IDs), main.go, the
// directory the kernels' directories are in and the length of their module
// names. GoNB names every kernel's module and directory gonb_<id>; that name
// is all that differs between two kernels' programs (the build information,
// and the main.go path stack traces print and GoNB maps back to cell
// lines), so the stored program is written out with this kernel's name in
// place of the storing kernel's, of the same length: byte for byte the
// program this kernel links. A main.go holding its own module's name is not
// stored. Read-only stores ($GONBGO_PROGRAMS_SHARED, a list like PATH; the
// hub's prebuilt lessons) are looked in too, and so are the build plans
// in their plans/ directories, which the hub's prebuild writes
// (GONBGO_SHARE_PLANS=1) under a key without the home and the build
// cache's location: a learner's kernel then runs no `go build -n` for a
// lesson's cells either (see sharedPlan). The store keeps at most
// $GONBGO_PROGRAMS_MAX_MB megabytes (default 2048) and removes the programs
// used least recently first.
//
// # goimports
//
// GoNB also runs `goimports -w main.go` on every cell, mostly to drop the
// notebook's imports the cell does not use. docker/register-kernel.sh links
// bin/kernel/goimports to gonbgo, which then does that itself when every
// name main.go leaves unresolved is predeclared or the last element of an
// import's path, and otherwise (a missing import, an undefined name, a dot
// import, a path such as math/rand/v2 or gopkg.in/yaml.v3 whose package
// name goimports must look up, a syntax error) runs the real goimports, the
// first on PATH after its own directory or $GONBGO_GOIMPORTS.
//
// Plans live in $GONBGO_CACHE, by default $XDG_CACHE_HOME/gmmlab-gonbgo
// (~/.cache/gmmlab-gonbgo); deleting the directory is always safe.
// GONBGO_LOG=FILE appends to FILE a line per build saying what gonbgo did
// and how long compiling and linking took, and one per goimports it did
// itself.
//
// docker/register-kernel.sh installs gonbgo as bin/kernel/go and puts
// bin/kernel first on the kernel's PATH.
package main
