import json

import pytest

from desktop_agent import config
from desktop_agent.config import SettingsError, load_settings, validate


def test_precedence_flags_over_env_over_file_over_defaults(tmp_path):
    (tmp_path / "settings.json").write_text(
        json.dumps({"server": "http://file", "email": "file@x", "poll_interval": 3})
    )
    env = {"DESKTOP_AGENT_SERVER": "http://env"}
    s = config.load_settings(tmp_path, {"email": "flag@x", "server": None}, environ=env)
    assert s.server == "http://env"
    assert s.email == "flag@x"
    assert s.poll_interval == 3.0
    assert s.heartbeat_interval == config.DEFAULTS.heartbeat_interval


def test_unknown_key_is_reported(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"heartbeat_intervall": 5}))
    with pytest.raises(config.SettingsError, match="unknown setting 'heartbeat_intervall'"):
        config.load_settings(tmp_path, environ={})


@pytest.mark.parametrize("value", ["10", True, -1, None])
def test_wrong_type_is_reported(tmp_path, value):
    (tmp_path / "settings.json").write_text(json.dumps({"poll_interval": value}))
    with pytest.raises(config.SettingsError, match="poll_interval"):
        config.load_settings(tmp_path, environ={})


def test_broken_json_names_the_file(tmp_path):
    (tmp_path / "settings.json").write_text("{nope")
    with pytest.raises(config.SettingsError, match=r"settings\.json: not valid JSON"):
        config.load_settings(tmp_path, environ={})


def test_save_merges_atomically(tmp_path):
    config.save_settings(tmp_path, {"email": "a@b.c"})
    config.save_settings(tmp_path, {"server": "http://s"})
    s = config.load_settings(tmp_path, environ={})
    assert (s.email, s.server) == ("a@b.c", "http://s")
    assert not list(tmp_path.glob(".settings-*"))


def test_email_normalised_like_the_server():
    assert config.normalise_email('  "Ann@Example.COM" ') == "ann@example.com"


def test_every_setting_is_documented():
    """docs/settings.md is the operators' reference: a new key must show up there."""
    from dataclasses import fields
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text()
    assert [f.name for f in fields(config.Settings) if f"`{f.name}`" not in doc] == []


def test_settings_keys_are_validated(tmp_path):
    ok = validate(
        {
            "pause_on_battery": False,
            "cpu_max_cores": 2,
            "schedule": {"mon": ["09:00-17:00"]},
            "gpu_max_temp_c": 80,
            "memory_action": "stop",
            "gpu_devices": "0,1",
            "max_upload_kib_s": 256,
        }
    )
    assert ok["gpu_max_temp_c"] == 80.0 and ok["max_upload_kib_s"] == 256
    for bad, words in [
        ({"pause_on_battery": "yes"}, "must be bool"),
        ({"schedule": ["mon"]}, "schedule"),
        ({"schedule": {"mon": ["nope"]}}, "not a window"),
        ({"memory_action": "kill"}, "one of"),
        ({"gpu_devices": "first"}, "GPU numbers"),
        ({"pause_on_batery": True}, "unknown setting"),
        ({"cpu_max_cores": -1}, "negative"),
        ({"max_upload_kib_s": -1}, "negative"),
        ({"max_upload_kib_s": 1.5}, "must be int"),
        ({"max_upload_kib_s": 10_000_001}, "at most 10000000"),
    ]:
        with pytest.raises(SettingsError, match=words):
            validate(bad)
    (tmp_path / "settings.json").write_text(
        json.dumps({"run_when_idle_only": True, "idle_minutes": 10})
    )
    s = load_settings(tmp_path)
    assert s.run_when_idle_only and s.idle_minutes == 10.0
