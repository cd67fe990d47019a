"""Where the graph database is: connection settings from options with env fallbacks.

Neo4j's own tools read NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE, so we do too.
With no URI at all, `connect` uses the embedded ArcadeDB (kg.graphdb.embedded) of the data
directory, started on first use and kept up between commands until idle (kg.graphdb.daemon),
and everything after that goes through the same neo4j driver.

    from kg.graphdb import ConnectionSettings, connect
    with connect(ConnectionSettings.resolve(), Path("kg-data")) as conn:
        rows = conn.run("MATCH (n:Entity) RETURN count(n) AS n")
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as nx

from kg.errors import ConfigurationError, KgError, StoreError, printable

CONNECT_TIMEOUT = 10.0
RETRY_TIME = 10.0  # managed transactions retry this long on a lost server before giving up


@dataclass(frozen=True)
class ConnectionSettings:
    """Where the database is and who logs in; no URI means the embedded ArcadeDB."""

    uri: str | None = None
    username: str = "neo4j"
    # repr=False: a settings object printed in a traceback or a log must not show the password.
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def resolve(
        cls,
        uri: str | None = None,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> ConnectionSettings:
        """Options win over the environment; empty strings count as unset. A login inside the
        URI (`bolt://user:pw@host`) is taken out of it, so the URI can be shown in messages;
        a scheme the driver does not speak is a one-line ConfigurationError."""
        env = os.environ if env is None else env
        given = uri or env.get("NEO4J_URI") or None
        clean, user, secret = split_login(given) if given else (None, None, None)
        return cls(
            uri=clean,
            username=username or user or env.get("NEO4J_USERNAME") or "neo4j",
            password=password or secret or env.get("NEO4J_PASSWORD") or None,
            database=database or env.get("NEO4J_DATABASE") or None,
        )

    @property
    def embedded(self) -> bool:
        return self.uri is None


SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def split_login(uri: str) -> tuple[str, str | None, str | None]:
    """(URI without its login, username, password); ConfigurationError for a scheme other than
    bolt/neo4j (and their +s, +ssc forms). The password never appears in a message."""
    parts = urlsplit(uri.strip())
    shown = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    if parts.scheme.lower() not in SCHEMES:
        raise ConfigurationError(
            f"NEO4J_URI {printable(shown)!r}: unsupported scheme {parts.scheme or '(none)'!r} "
            f"(use bolt:// or neo4j://, with +s or +ssc for TLS)")
    login = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    user, _, secret = login.partition(":")
    return shown, unquote(user) or None, unquote(secret) or None


@dataclass
class Connection:
    """An open driver plus the database to use; `run` is a read in a managed transaction."""

    driver: neo4j.Driver
    database: str | None
    uri: str

    def session(self) -> neo4j.Session:
        return self.driver.session(database=self.database)

    def run(self, cypher: str, params: Mapping[str, Any] | None = None,
            write: bool = False) -> list[dict[str, Any]]:
        """Rows of `cypher` in a read transaction (a write one with `write`)."""
        with self.session() as session:
            try:
                execute = session.execute_write if write else session.execute_read
                return execute(_collect, cypher, dict(params or {}))
            except nx.Neo4jError as exc:
                raise StoreError(f"{self.uri}: query failed: {_first_line(exc)}") from exc
            except nx.DriverError as exc:
                raise describe_error(exc, self.uri, self.database) from exc


def _collect(tx: neo4j.ManagedTransaction, cypher: str, params: dict[str, Any]) -> list[dict]:
    return [record.data() for record in tx.run(cypher, params)]


@contextmanager
def connect(settings: ConnectionSettings, data_dir: Path) -> Iterator[Connection]:
    """Open a checked connection: the server answers, the login works, the database exists."""
    if settings.embedded:
        # Kept up between commands, so only the first one pays for the JVM (kg db start|stop),
        # and kept alive while this connection is open.
        from kg.graphdb.daemon import ensure_daemon, kept_alive, server_login

        server = ensure_daemon(data_dir)
        with kept_alive(data_dir, server):
            yield from _connect(ConnectionSettings(server.uri, *server_login(data_dir)))
        return
    yield from _connect(settings)


def _connect(settings: ConnectionSettings) -> Iterator[Connection]:
    assert settings.uri is not None
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password or ""),
            connection_timeout=CONNECT_TIMEOUT,
            max_transaction_retry_time=RETRY_TIME,
        )
    except (ValueError, nx.ConfigurationError) as exc:
        raise ConfigurationError(f"NEO4J_URI {settings.uri!r}: {_first_line(exc)}") from exc
    try:
        check(driver, settings)
        yield Connection(driver, settings.database, settings.uri)
    finally:
        driver.close()


def check(driver: neo4j.Driver, settings: ConnectionSettings) -> None:
    """The server answers, the login works and the database exists, or a one-line KgError."""
    try:
        driver.verify_connectivity()
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1 AS ok").consume()
    except (nx.Neo4jError, nx.DriverError) as exc:
        raise describe_error(exc, settings.uri or "", settings.database) from exc


def describe_error(exc: Exception, uri: str, database: str | None) -> KgError:
    """One line a user can act on. Driver messages never contain the password, and we never
    add it; the username is fine to show."""
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, nx.AuthError) or code.endswith("Security.Unauthorized"):
        return ConfigurationError(
            f"{uri}: authentication failed (check NEO4J_USERNAME / NEO4J_PASSWORD)"
        )
    if code.endswith("DatabaseNotFound"):
        return ConfigurationError(
            f"{uri}: database {database!r} does not exist (check NEO4J_DATABASE)"
        )
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired):
        return StoreError(f"{uri}: database server unreachable or gone ({_first_line(exc)})")
    if "Constraint" in code or isinstance(exc, nx.ConstraintError):
        return StoreError(f"{uri}: a constraint in the database refused the write, which was "
                          f"rolled back ({_first_line(exc)})")
    return StoreError(f"{uri}: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(text).strip().splitlines()[0][:300]
