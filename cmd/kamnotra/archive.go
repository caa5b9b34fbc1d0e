package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/kamnotra/kamnotra/internal/capture"
	"github.com/kamnotra/kamnotra/internal/record"
)

func init() {
	register(command{
		Name:    "archive",
		Summary: "check or read the WARC archive: archive verify | archive show DOC [--version N]",
		Run:     runArchive,
	})
}

func runArchive(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("archive verify | archive show DOC [--version N] [--payload]")
	}
	switch args[0] {
	case "verify":
		return runArchiveVerify(ctx, env, args[1:])
	case "show":
		return runArchiveShow(ctx, env, args[1:])
	}
	return usagef("unknown archive command %q: verify or show", args[0])
}

func runArchiveVerify(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("archive verify", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := capture.Verify(ctx, archiveDir(env), st)
	if err != nil {
		return err
	}
	rep.Print(env.Stdout)
	if !rep.OK() {
		return fmt.Errorf("the archive has %d problems (listed above)", len(rep.Errors))
	}
	return nil
}

func runArchiveShow(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("archive show", "DOC (a document ID or URL) [--version N] [--payload]")
	version := fs.Int("version", 0, "the version to show (default: the latest)")
	payload := fs.Bool("payload", false, "print only the payload (the body without HTTP headers)")
	// Accept the flags after the document too.
	var pos []string
	for len(args) > 0 {
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 1 {
		return usagef("name one document by its ID or URL")
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	doc, err := st.Document(ctx, pos[0])
	if record.IsNotFound(err) {
		doc, err = st.DocumentByURL(ctx, pos[0])
	}
	if err != nil {
		return err
	}
	ref := doc.Archive
	if *version != 0 && *version != doc.Version {
		vs, err := st.DocumentVersions(ctx, doc.ID)
		if err != nil {
			return err
		}
		found := false
		for _, v := range vs {
			if v.Version == *version {
				ref, found = v.Archive, true
			}
		}
		if !found {
			return record.Errorf(record.ENotFound, "document %s has no version %s (it has %d)", doc.ID, strconv.Itoa(*version), len(vs))
		}
	}
	loc, err := capture.Open(archiveDir(env), ref)
	if err != nil {
		return err
	}
	out := loc.Block
	if *payload {
		if out, err = loc.Payload(); err != nil {
			return err
		}
	}
	_, err = env.Stdout.Write(out)
	return err
}
