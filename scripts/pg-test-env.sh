#!/usr/bin/env bash
# pg-test-env.sh makes a local PostgreSQL ready for the store's tests and
# prints the line that points them at it. Run as root on Debian; running it
# again changes nothing that is already in place.
#
#   eval "$(sudo scripts/pg-test-env.sh | tail -n 1)"
#   go test ./internal/store/...
#
# Everything it says on the way goes to stderr, so the export line is the
# only thing on stdout.
set -euo pipefail

ROLE=kamnotra
PASSWORD=kamnotra
DB=kamnotra_test
PORT=${PGPORT:-5432}

say() { echo "pg-test-env: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
	say "run me as root (I install and start PostgreSQL)"
	exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
	say "installing postgresql"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq postgresql >&2
fi

# The newest installed major version: Debian installs one per release, and a
# machine upgraded in place may carry an older one beside it.
VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if [ -z "$VERSION" ]; then
	say "no PostgreSQL server under /usr/lib/postgresql after installing: install postgresql-NN by hand"
	exit 1
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
	say "creating cluster $VERSION/main"
	pg_createcluster "$VERSION" main >&2
fi
CLUSTER_PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')
PORT=${CLUSTER_PORT:-$PORT}
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
	say "starting cluster $VERSION/main on port $PORT"
	pg_ctlcluster "$VERSION" main start >&2 || service postgresql start >&2
fi

for i in $(seq 1 60); do
	if pg_isready -q -h 127.0.0.1 -p "$PORT"; then
		break
	fi
	if [ "$i" -eq 60 ]; then
		say "PostgreSQL $VERSION did not accept connections on 127.0.0.1:$PORT within 30 s; see /var/log/postgresql/postgresql-$VERSION-main.log"
		exit 1
	fi
	sleep 0.5
done

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
	say "creating role $ROLE"
	psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
	say "creating database $DB"
	# UTF8 whatever the machine's locale: Khmer text must round-trip.
	psql_admin -c "CREATE DATABASE $DB OWNER $ROLE ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >&2
fi

say "ready: PostgreSQL $VERSION on 127.0.0.1:$PORT, database $DB"
echo "export KAMNOTRA_TEST_POSTGRES='postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB?sslmode=disable'"
