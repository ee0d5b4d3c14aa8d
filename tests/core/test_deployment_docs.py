"""docs/deployment.md is followed by operators to the letter: the commands it names exist, the
settings its environment file sets are Concord's, and its nginx configuration is one nginx accepts.
(The set-up itself runs for real in tests/reliability/test_scale_out.py.)"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

import concord

ROOT = Path(concord.__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "deployment.md").read_text()
SETTINGS = (ROOT / "concord" / "config" / "settings.py").read_text()


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, re.DOTALL)


def test_every_concord_command_in_the_guide_exists() -> None:
    named = set(re.findall(r"\bconcord ([a-z_]+)", "\n".join(_blocks("sh") + _blocks("ini"))))
    assert {"migrate", "collectstatic", "db_worker", "daily", "backup", "restore"} <= named
    assert not named - set(get_commands()), "the guide names commands Concord does not have"


def test_every_variable_of_the_environment_file_is_a_concord_setting() -> None:
    [env_file] = [block for block in _blocks("sh") if "CONCORD_SECRET_KEY=" in block]
    names = re.findall(r"^([A-Z_]+)=", env_file, re.MULTILINE)
    assert names and all(f'"{name}"' in SETTINGS for name in names), names


@pytest.mark.skipif(
    not shutil.which("nginx"), reason="nginx is not installed (Debian: apt-get install nginx)"
)
def test_the_nginx_configuration_is_accepted_by_nginx(tmp_path: Path) -> None:
    site, static = _blocks("nginx")
    served = tmp_path / "static"
    served.mkdir()
    certificate = [str(tmp_path / "fullchain.pem"), str(tmp_path / "privkey.pem")]
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=concord.example.com", "-out", certificate[0], "-keyout", certificate[1]],
        capture_output=True, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    # The static files' locations go inside the HTTPS server block, as the guide says.
    end = site.rstrip().rfind("}")
    server = (site[:end] + static + site[end:]).replace("/etc/ssl/concord/", f"{tmp_path}/")
    server = server.replace("/var/lib/concord/static/", f"{served}/")
    temp = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log off;\n{temp}\n{server}\n}}\n"
    )
    checked = subprocess.run(["nginx", "-t", "-c", str(config)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
