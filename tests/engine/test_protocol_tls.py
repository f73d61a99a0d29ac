"""TLS is always verified: against the OS trust store, plus the `ca_bundle` setting for a private server."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop_agent.engine import events as ev
from desktop_agent.engine.errors import AgentError
from desktop_agent.engine.protocol import make_http_client
from tests.e2e.conftest import AgentThread, settings_for, wait_until
from tests.helpers.crafted_server import CraftedServer, json_answer

pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("no_job_left_behind")]


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> dict[str, Path]:
    """A private CA and a certificate it signed for 127.0.0.1."""
    out = tmp_path_factory.mktemp("pki")
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Test Private CA"))
        .issuer_name(_name("Test Private CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = {"ca": out / "ca.pem", "cert": out / "server.pem", "key": out / "server.key"}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


async def _hello(_scope, _body):
    return json_answer({"hello": "world"})


def _get(url: str, **kwargs) -> httpx.Response:
    async def go():
        async with make_http_client(**kwargs) as client:
            return await client.get(url)

    return asyncio.run(go())


def test_self_signed_server_is_refused_without_the_ca(pki):
    with CraftedServer(certfile=str(pki["cert"]), keyfile=str(pki["key"])) as server:
        server.routes["/hello"] = _hello
        with pytest.raises(
            httpx.ConnectError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"
        ):
            _get(server.url + "/hello")


def test_private_server_works_with_ca_bundle(pki):
    with CraftedServer(certfile=str(pki["cert"]), keyfile=str(pki["key"])) as server:
        server.routes["/hello"] = _hello
        assert _get(server.url + "/hello", ca_bundle=str(pki["ca"])).json() == {"hello": "world"}


def test_missing_ca_bundle_is_a_clear_error(tmp_path):
    with pytest.raises(AgentError, match="does not exist"):
        make_http_client(ca_bundle=str(tmp_path / "nope.pem"))


def test_agent_uses_the_ca_bundle_setting(srv, pki, tmp_path):
    with CraftedServer(srv.url, certfile=str(pki["cert"]), keyfile=str(pki["key"])) as server:
        # Without the CA: the agent never registers, and says the server is unreachable.
        with AgentThread(settings_for(srv, server=server.url), tmp_path / "a") as run:
            wait_until(
                lambda: any(s.state is ev.AgentState.CONNECTING for s in run.of(ev.StateChanged)),
                timeout=20,
            )
            time.sleep(
                2.5
            )  # a few register attempts (1 s backoff), every one refused at the TLS handshake
        assert not any("Registered with" in e.text for e in run.of(ev.LogLine))
        assert srv.calls("/agent/register") == []
        with AgentThread(
            settings_for(srv, server=server.url, ca_bundle=str(pki["ca"])), tmp_path / "b"
        ) as run:
            wait_until(
                lambda: any("Registered with" in e.text for e in run.of(ev.LogLine)), timeout=20
            )
        assert len(srv.calls("/agent/register")) == 1


def test_first_run_registration_uses_the_ca_bundle_setting(srv, pki, tmp_path):
    """Setup (the dialog's registration) connects like the engine: through the saved ca_bundle."""
    from desktop_agent.config import DataPaths, Settings, save_settings
    from desktop_agent.engine.setup import register_machine
    from tests.e2e.conftest import OWNER

    with CraftedServer(srv.url, certfile=str(pki["cert"]), keyfile=str(pki["key"])) as server:
        saved = DataPaths(tmp_path / "saved")
        save_settings(saved.root, {"ca_bundle": str(pki["ca"])})
        assert register_machine(server.url, OWNER, saved) in ("created", "linked")
        given = DataPaths(tmp_path / "given")
        settings = Settings(ca_bundle=str(pki["ca"]))
        assert register_machine(server.url, OWNER, given, settings=settings) in (
            "created",
            "linked",
        )
    assert len(srv.calls("/agent/register")) == 2
