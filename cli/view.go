package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/newsmill/newsmill/internal/view"
)

// viewCmd is `newsmill view [--addr HOST:PORT] [--export DIR] OUT`: it
// serves the read-only web app of package view over the dataset in OUT
// until the context ends, or writes its pages as static HTML to DIR.
func viewCmd(e env, args []string) int {
	fs := flag.NewFlagSet("view", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8470", "listen on `HOST:PORT` (port 0 picks a free one)")
	export := fs.String("export", "", "write the pages as static HTML files to `DIR` instead of serving them")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: newsmill view [--addr HOST:PORT] [--export DIR] OUT\n\n"+
			"Serves a read-only web app over the Parquet dataset in OUT: an overview, each article\n"+
			"with its sentences, entities and quotes marked, speaker and entity pages and a quote\n"+
			"search. The first run builds a small index, OUT/"+view.IndexName+".")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil || len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := pos[0]
	start := time.Now()
	s, err := view.Open(dir, view.Progress(func(done, total int) {
		if done == 0 {
			fmt.Fprintf(e.stderr, "newsmill view: indexing %s, once (%d parts); later runs reuse %s\n", dir, total, view.IndexName)
		} else if total >= 4 {
			fmt.Fprintf(e.stderr, "newsmill view: indexed part %d of %d\n", done, total)
		}
	}))
	if err != nil {
		fmt.Fprintf(e.stderr, "newsmill view: %v\n", err)
		return exitFail
	}
	defer s.Close()
	verb := "opened"
	if s.Rebuilt {
		verb = "indexed"
	}
	fmt.Fprintf(e.stderr, "newsmill view: %s %s (%d documents) in %v\n", verb, dir, s.NumDocs(), time.Since(start).Round(time.Millisecond))
	if *export != "" {
		n, err := view.Export(s, dir, *export)
		if err != nil {
			fmt.Fprintf(e.stderr, "newsmill view: export: %v\n", err)
			return exitFail
		}
		fmt.Fprintf(e.stdout, "wrote %d files to %s; open %s\n", n, *export, filepath.Join(*export, "index.html"))
		return exitOK
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "newsmill view: %v\n", err)
		return exitFail
	}
	bound := ln.Addr().String()
	host, port, _ := net.SplitHostPort(*addr)
	if _, p, err := net.SplitHostPort(bound); err == nil {
		port = p
	}
	listen := net.JoinHostPort(host, port)
	srv := &http.Server{
		Handler:           view.Handler(s, dir, view.Options{Addr: listen, Log: log.New(e.stderr, "", log.LstdFlags)}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(e.stderr, "newsmill view: ", 0),
	}
	urlHost := host
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		urlHost = "127.0.0.1"
	}
	fmt.Fprintf(e.stdout, "newsmill view: serving %s at http://%s/ (Ctrl-C to stop)\n", dir, net.JoinHostPort(urlHost, port))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err = <-done:
	case <-e.ctx.Done():
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		err = srv.Shutdown(ctx)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(e.stderr, "newsmill view: %v\n", err)
		return exitFail
	}
	return exitOK
}
