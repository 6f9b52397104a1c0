// Command compose-validate loads a compose file exactly as `docker compose config` does, with the
// Compose Specification's own Go loader (the one docker compose is built on), and prints the
// normalized project or the errors. It needs no Docker engine: CI checks docker-compose.yml with it.
//
//	compose-validate [-f FILE]... [--env-file FILE]... [-p NAME] [--project-directory DIR] [--format yaml|json] [-q]
//
// As docker compose: variables come from the process environment, then the env files (or .env in the
// project directory); the file is validated against the schema, interpolated (`${VAR:?message}` fails
// when VAR is unset), normalized, its relative paths resolved, and checked for consistency (every
// network, volume, secret and config a service names must be declared). Exits 1 on any error.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

const composeGoModule = "github.com/compose-spec/compose-go/v2"

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func composeGoVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == composeGoModule {
				return dep.Version
			}
		}
	}
	return "unknown"
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compose-validate:", err)
	os.Exit(1)
}

func main() {
	var files, envFiles stringList
	flag.Var(&files, "f", "compose file (repeatable; default: compose.yaml, docker-compose.yml… as docker compose looks them up)")
	flag.Var(&envFiles, "env-file", "environment file for interpolation (repeatable; default: .env in the project directory)")
	projectName := flag.String("p", "", "project name (default: the file's `name:`, else the project directory's name)")
	projectDir := flag.String("project-directory", "", "project directory (default: the first file's directory)")
	format := flag.String("format", "yaml", "output format: yaml or json")
	quiet := flag.Bool("q", false, "validate only, print nothing on success")
	showVersion := flag.Bool("version", false, "print the compose-go version and exit")
	flag.Parse()

	if *showVersion {
		fmt.Println(composeGoVersion())
		return
	}
	if flag.NArg() > 0 {
		fail(fmt.Errorf("unexpected arguments %q (give files with -f)", flag.Args()))
	}
	if *format != "yaml" && *format != "json" {
		fail(fmt.Errorf("unsupported format %q", *format))
	}

	// The options of `docker compose config` (cmd/compose/config.go), then those every docker compose
	// command loads a project with (pkg/compose/loader.go), in the same order.
	opts := []cli.ProjectOptionsFn{
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithDefaultProfiles(),
		cli.WithDiscardEnvFile,
		cli.WithWorkingDirectory(*projectDir),
		cli.WithOsEnv,
	}
	if _, present := os.LookupEnv("PWD"); !present {
		if pwd, err := os.Getwd(); err == nil {
			opts = append(opts, cli.WithEnv([]string{"PWD=" + pwd}))
		}
	}
	opts = append(opts,
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithConfigFileEnv,
		cli.WithDefaultConfigPath,
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(),
		cli.WithName(*projectName),
	)
	options, err := cli.NewProjectOptions(files, opts...)
	if err != nil {
		fail(err)
	}

	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	if project.Name == "" {
		fail(fmt.Errorf("project name can't be empty"))
	}
	if project, err = project.WithServicesEnabled(); err != nil {
		fail(err)
	}
	project = project.WithoutUnnecessaryResources()
	if project, err = project.WithServicesEnvironmentResolved(true); err != nil {
		fail(err)
	}
	if err := project.CheckContainerNameUnicity(); err != nil {
		fail(err)
	}

	var out []byte
	if *format == "json" {
		out, err = project.MarshalJSON()
	} else {
		out, err = project.MarshalYAML()
	}
	if err != nil {
		fail(err)
	}
	if *quiet {
		return
	}
	// As docker compose config: the output is itself a compose file, so literal dollars stay escaped.
	os.Stdout.Write(bytes.ReplaceAll(out, []byte("$"), []byte("$$")))
}
