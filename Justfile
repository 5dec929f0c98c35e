# Every lifecycle command of the project. Without Nix, run recipes through `bin/just`, which
# installs the toolchain first (scripts/setup); inside `nix develop` the flake provides the tools
# and plain `just` works.

set shell := ["bash", "-euo", "pipefail", "-c"]

# Tools that scripts/setup installs into the repo come first, except inside the Nix shell, whose
# own tools must win over a .venv or .tools left from using the checkout without Nix.
export PATH := if env("IN_NIX_SHELL", "") != "" { env("PATH") } else { justfile_directory() / ".tools/bin" + ":" + justfile_directory() / ".venv/bin" + ":" + env("PATH") }

# List the recipes
default:
    @just --list

# Install the toolchain without Nix, then the git hooks (idempotent; bin/just runs scripts/setup first)
setup: && hooks
    scripts/setup

# Install the git hooks of lefthook.yml: fast checks on commit (`git commit --no-verify` skips them)
hooks:
    @if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then lefthook install; \
    else echo "hooks: not a git repository yet; run \`just hooks\` after \`git init\`"; fi

# Run the whole development stack: Postgres, Redis, Mailpit, API, worker and web (Ctrl-C stops it)
[no-exit-message] # the stack reports its own failures; Ctrl-C is how it ends, not an error
dev:
    pnpm --dir web install --frozen-lockfile --prefer-offline --silent --config.confirm-modules-purge=false
    scripts/dev-stack

# Run only Postgres, Redis and Mailpit
[no-exit-message]
services:
    scripts/dev-stack postgres redis mailpit

# Every check and every test suite: what CI and `nix flake check` run
[no-exit-message] # each step reports its own failure
test:
    #!/usr/bin/env bash
    # pytest spends much of its time waiting for servers and browsers; lint and the web checks run
    # beside it meanwhile and their output follows pytest's. Any failure fails the recipe.
    set -uo pipefail
    just=({{ quote(just_executable()) }} --justfile {{ quote(justfile()) }})
    checks_log="$(mktemp)"
    trap 'rm -f "$checks_log"' EXIT
    # The browser tests' web build, when stale, comes before the web checks: building rewrites the
    # route types (web/.react-router) they read. The browser tests wait for it (web_build.py).
    { python -m tests.integration.web_build && "${just[@]}" lint && "${just[@]}" test_web; } \
        >"$checks_log" 2>&1 &
    checks=$!
    "${just[@]}" test_python
    python_status=$?
    wait "$checks"
    checks_status=$?
    printf '\n==> lint and web checks\n'
    cat "$checks_log"
    if ((python_status != 0 || checks_status != 0)); then
        echo "error: just test failed (pytest exit $python_status, lint and web checks exit $checks_status)" >&2
        exit 1
    fi

# Python tests against real Postgres, Redis and Mailpit (extra arguments go to pytest)
test_python *args:
    # Bytecode is cached even where the machine sets PYTHONDONTWRITEBYTECODE: otherwise each of the
    # run's dozens of Python processes (workers, servers, the copy's checks) compiles the app and
    # the tests again, and pytest rewrites the asserts of its plugins again, at every start.
    env -u PYTHONDONTWRITEBYTECODE pytest {{ args }}

# Web checks: types, lint, formatting, unit tests and the generated client against openapi.json
test_web:
    pnpm --dir web typecheck
    pnpm --dir web lint
    pnpm --dir web format:check
    pnpm --dir web test
    pnpm --dir web check:client

# Static checks for Python
lint:
    ruff check .
    ruff format --check .
    pyright

# Apply automatic fixes and formatting
fix:
    ruff check --fix .
    ruff format .
    pnpm --dir web lint --fix
    pnpm --dir web format

# Apply pending migrations to the development database
db_migrate:
    app migrate

# Drop and recreate the development database, then migrate and seed it (stack running or not)
db_reset:
    scripts/db-reset

# Create the development admin and demo users
db_seed:
    app seed

# End every sign-in delay and quota counted in Redis (see the README's Security section)
clear_rate_limits:
    app clear-rate-limits

# A Python REPL with the models and a database session
console:
    app console

# Write the OpenAPI schema and regenerate the typed web client from it
openapi:
    app openapi --output web/openapi.json
    pnpm --dir web generate:api

# Remove installed tools, service data, builds and caches (the next recipe reinstalls)
clean:
    rm -rf .tools .venv .data tmp web/node_modules web/build web/.react-router .ruff_cache .coverage htmlcov

# Check the Nix side as far as a machine without Nix can: the files, flake.lock, and rehearsals of
# the app's Python builds and the web build, offline
nix_check:
    scripts/check-nix

# Recompute the Nix hash of web/'s pnpm dependencies after changing package.json or the lockfile
pnpm_deps_hash:
    scripts/pnpm-deps-hash

# Browser tests in a visible, slowed-down Chromium; needs a display (extra arguments go to pytest)
test_browser_headed *args:
    pytest tests/integration --headed --slowmo 300 --no-cov {{ args }}

# Benchmarks as tables: HTTP and load, start-up, web bundle, tests (`just bench http` for one)
bench *args:
    python -m bench {{ args }}

# scripts/template-update says what is merged and what regenerated; README, "Start a new project".
# Pull the template's later changes in, then regenerate locks, Nix hash and client (args: copier's)
template_update *args:
    scripts/template-update {{ args }}
