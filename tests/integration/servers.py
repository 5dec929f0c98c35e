"""The application as production runs it: uvicorn over HTTPS and a Celery worker, as subprocesses.

Both run the code under test in processes of their own, configured only through environment
variables, against the session's real PostgreSQL, Redis and Mailpit. mirakuru starts each in a
process group of its own, waits until it is ready and signals the whole group on stop (or at
interpreter exit), so nothing outlives the test run. Their output goes to log files that the
integration conftest copies next to a failed test's screenshot and trace.
"""

import base64
import hashlib
import ssl
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import trustme
from celery import Celery
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.services import HOST, AppProcess, free_port

SERVER_HOSTNAME = "localhost"


@dataclass(frozen=True)
class TLSCertificate:
    """A server certificate for localhost issued by a certificate authority made for this run."""

    ca_path: Path
    cert_path: Path
    key_path: Path
    spki_sha256: str
    """Base64 SHA-256 of the server's public key, the form Chromium's SPKI allow-list takes."""

    def client_context(self) -> ssl.SSLContext:
        """An SSL context that trusts this run's CA and nothing else."""
        return ssl.create_default_context(cafile=self.ca_path)


def issue_certificate(directory: Path) -> TLSCertificate:
    ca = trustme.CA(organization_name="fullstack-flake tests")
    server = ca.issue_cert(SERVER_HOSTNAME, HOST)
    ca_path, cert_path, key_path = (
        directory / "ca.pem",
        directory / "server.pem",
        directory / "server.key",
    )
    ca.cert_pem.write_to_path(str(ca_path))
    server.private_key_pem.write_to_path(str(key_path))
    for index, blob in enumerate(server.cert_chain_pems):
        blob.write_to_path(str(cert_path), append=index > 0)
    certificate = x509.load_pem_x509_certificate(server.cert_chain_pems[0].bytes())
    spki = certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    spki_sha256 = base64.b64encode(hashlib.sha256(spki).digest()).decode()
    return TLSCertificate(ca_path, cert_path, key_path, spki_sha256)


class ApiServer(AppProcess):
    """uvicorn serving the API and the production web build over HTTPS on a free port.

    `app serve` has no TLS options (production terminates TLS in front of it), so this runs
    uvicorn with the same application factory and settings plus a certificate.
    """

    name = "API server"

    def __init__(self, log_path: Path, environment: dict[str, str], tls: TLSCertificate) -> None:
        self.port = free_port()
        self.url = f"https://{SERVER_HOSTNAME}:{self.port}"
        self.tls = tls
        super().__init__(
            log_path, {**environment, "BASE_URL": self.url, "HOST": HOST, "PORT": str(self.port)}
        )
        self._client = httpx.Client(base_url=self.url, verify=tls.client_context(), timeout=2)

    def _command(self) -> list[str]:
        return [
            sys.executable, "-m", "uvicorn", "app.server:create_app", "--factory",
            "--host", HOST, "--port", str(self.port),
            "--ssl-keyfile", str(self.tls.key_path), "--ssl-certfile", str(self.tls.cert_path),
            "--no-access-log", "--timeout-graceful-shutdown", "5",
        ]  # fmt: skip

    def _ready(self) -> bool:
        try:
            return self._client.get("/healthcheck").status_code == 200
        except httpx.TransportError:
            return False

    def stop(self) -> None:
        try:
            super().stop()
        finally:
            self._client.close()


class CeleryWorker(AppProcess):
    """`app worker` with the solo pool: one process, jobs run one at a time as they arrive."""

    name = "Celery worker"

    def __init__(self, log_path: Path, environment: dict[str, str]) -> None:
        super().__init__(log_path, environment)
        # A client of the same broker, only to ask whether the worker consumes yet.
        self._control = Celery("integration-tests-control", broker=environment["REDIS_URL"])

    def _command(self) -> list[str]:
        return [sys.executable, "-m", "app", "worker", "--pool", "solo"]

    def _ready(self) -> bool:
        return bool(self._control.control.ping(timeout=0.5))

    def stop(self) -> None:
        try:
            super().stop()
        finally:
            self._control.close()
