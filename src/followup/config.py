"""Settings: each declared once (name, type, default, help, environment variable).

Sources, later ones winning: the default, the config file in the home
(`config.toml`, or `config.yaml`; FOLLOWUP_CONFIG names another file), the environment
(`FOLLOWUP_*`). A secret setting may also come from a file named by `FOLLOWUP_*_FILE` (a
Docker or systemd secret), so it never has to sit in the environment or the config file.
`followup config show` lists every setting with the source of its value; secrets are
masked there and in logs.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_PREFIX = "FOLLOWUP_"
CONFIG_FILES = ("config.toml", "config.yaml", "config.yml")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A setting with a value that can't be used; says which, from where, and the fix."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(f"{problem} (fix: {fix})")
        self.problem = problem
        self.fix = fix


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    type: str  # "str", "path" or "table" (a mapping: a TOML table, or JSON in the env)
    default: Callable[[Mapping[str, Any]], Any]  # from the values resolved before it
    help: str
    secret: bool = False
    in_file: bool = True  # `home` can't come from the file that lives in it

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()


_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def user_dir(kind: str) -> Path:
    """followup's folder of the user's `kind` ("data" or "cache"): platformdirs' answer, read
    directly on Linux (the XDG variables), as importing platformdirs costs start-up time."""
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        variable, fallback = _XDG[kind]
        base = os.environ.get(variable, "")
        return (Path(base) if base.strip() else Path(fallback).expanduser()) / "followup"
    import platformdirs

    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    return Path(find("followup", appauthor=False))


def _default_home(_values: Mapping[str, Any]) -> Path:
    return user_dir("data")


def _local_zone(_values: Mapping[str, Any]) -> str:
    """The machine's IANA zone: $TZ, the /etc/localtime link, /etc/timezone, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        candidates.append(str(localtime.resolve()).partition("zoneinfo/")[2])
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and _is_zone(name):
            return name
    return "UTC"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "home",
        "path",
        _default_home,
        "Directory of the data and the config file (config.toml).",
        in_file=False,
    ),
    Setting(
        "database_url",
        "str",
        lambda v: f"sqlite:///{v['home'] / 'followup.db'}",
        "SQLAlchemy URL of the database; e.g. postgresql+psycopg://user@host/followup "
        "for a shared server.",
        secret=True,
    ),
    Setting(
        "playbook",
        "str",
        lambda v: "seed",
        "The playbook: a built-in name (seed, prompt) or the path of a YAML file.",
    ),
    Setting(
        "playbook_overrides",
        "table",
        lambda v: {},
        'Numbers of the playbook to override, e.g. {"timing.weekly_cap_days": 5} '
        "(a [playbook_overrides] table in config.toml, JSON in the environment).",
    ),
    Setting(
        "user_tz",
        "str",
        _local_zone,
        "Your IANA time zone: naive times you type are read in it when the application has none.",
    ),
    Setting(
        "user_country",
        "str",
        lambda v: "US",
        "Your country (ISO 3166-1 alpha-2): its holidays apply when a recipient's "
        "country is unknown.",
    ),
    Setting(
        "alerts",
        "table",
        lambda v: {},
        "Job alerts: base URLs of the sources by kind (`base_urls`), HTTP limits (`timeout`, "
        "`deadline`, `max_mb`, `retries`, `backoff`, `per_host_interval`, in seconds and MB) "
        "and `unsubscribe_url`, the web app's one-click unsubscribe endpoint.",
    ),
    Setting(
        "log_level",
        "str",
        lambda v: "WARNING",
        "How much to log on stderr: DEBUG, INFO, WARNING, ERROR or CRITICAL.",
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    database_url: str
    playbook: str
    playbook_overrides: Mapping[str, Any]
    user_tz: str
    user_country: str
    alerts: Mapping[str, Any]
    log_level: str
    config_file: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)  # name -> where it came from

    def shown(self, name: str) -> Any:
        """A value as `config show` prints it: secrets masked."""
        value = getattr(self, name)
        spec = next(s for s in SETTINGS if s.name == name)
        return mask_secret(str(value)) if spec.secret else value


# Query-string keys that carry a secret in database and service URLs (libpq's `password`,
# tokens and keys of notification services...).
_SECRET_KEYS = re.compile(
    r"(?i)([?&;](?:password|passwd|pwd|pass|secret|token|access_token|api_?key|key|sslpassword)=)"
    r"[^&;#\s]*"
)


def mask_secret(value: str) -> str:
    """Hide the secrets of a URL wherever they sit: the password of the user info
    (`scheme://user:***@host`) and secret keys of the query string (`?password=***`).
    Other values stay readable."""
    masked = re.sub(r"(://[^:/@\s]+:)[^@\s]*@", r"\1***@", value)
    return _SECRET_KEYS.sub(r"\1***", masked)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve every setting from the defaults, the config file and the environment."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    file_values: dict[str, Any] = {}
    config_file: Path | None = None
    for spec in SETTINGS:
        raw, source = _raw_value(spec, env, file_values, config_file)
        if raw is None:
            values[spec.name], sources[spec.name] = spec.default(values), "default"
        else:
            values[spec.name], sources[spec.name] = _convert(spec, raw, source), source
        if spec.name == "home":
            config_file = _find_config_file(values["home"], env)
            file_values = _read_config_file(config_file) if config_file else {}
    _check_file_keys(file_values, config_file)
    settings = Settings(**values, config_file=config_file, sources=sources)
    _validate(settings)
    return settings


def _raw_value(
    spec: Setting, env: Mapping[str, str], file_values: Mapping[str, Any], config_file: Path | None
) -> tuple[Any, str]:
    if env.get(spec.env):
        return env[spec.env], f"env {spec.env}"
    file_var = spec.env + "_FILE"
    if spec.secret and env.get(file_var):
        path = Path(env[file_var])
        try:
            return path.read_text(encoding="utf-8").strip(), f"file {path} ({file_var})"
        except OSError as exc:
            raise ConfigError(
                f"cannot read {file_var}={path}: {exc.strerror}",
                f"point {file_var} at a readable file",
            ) from None
    if spec.in_file and spec.name in file_values:
        return file_values[spec.name], f"config {config_file}"
    return None, "default"


def _convert(spec: Setting, raw: Any, source: str) -> Any:
    if spec.type == "path":
        return Path(str(raw)).expanduser()
    if spec.type == "table":
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ConfigError(
                    f"{spec.name} from {source} is not valid JSON ({exc.msg})",
                    'give a JSON object such as {"name": 2}',
                ) from None
        if not isinstance(raw, dict):
            raise ConfigError(
                f"{spec.name} from {source} is not a table",
                'give a table of names and values such as {"name": 2}',
            )
        return raw
    if not isinstance(raw, str):
        raise ConfigError(f"{spec.name} from {source} is not text", f'quote it: "{raw}"')
    return raw.strip()


def _find_config_file(home: Path, env: Mapping[str, str]) -> Path | None:
    override = env.get(ENV_PREFIX + "CONFIG")
    if override:
        return Path(override).expanduser()
    for name in CONFIG_FILES:
        if (home / name).is_file():
            return home / name
    return None


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"cannot read the config file {path}: {exc.strerror}",
            "fix the path in FOLLOWUP_CONFIG or the file's permissions",
        ) from None
    try:
        if path.suffix == ".toml":
            import tomllib

            data: Any = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text) or {}
    except Exception as exc:  # tomllib and yaml raise their own error types
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(
            f"{path} is not valid: {first_line}", "correct the syntax at the place named"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path} does not hold a table of settings", "write one `name = value` line per setting"
        )
    return data


def _check_file_keys(file_values: Mapping[str, Any], config_file: Path | None) -> None:
    known = {s.name for s in SETTINGS if s.in_file}
    for key in file_values:
        if key not in known:
            raise ConfigError(
                f"{config_file}: unknown setting {key!r}", f"use one of {', '.join(sorted(known))}"
            )


def _is_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError for malformed keys
        return False
    return True


def _validate(settings: Settings) -> None:
    where = settings.sources
    if not _is_zone(settings.user_tz):
        raise ConfigError(
            f"user_tz {settings.user_tz!r} ({where['user_tz']}) is not a time zone",
            "use an IANA zone name such as Europe/Berlin",
        )
    if not re.fullmatch(r"[A-Z]{2}", settings.user_country):
        raise ConfigError(
            f"user_country {settings.user_country!r} "
            f"({where['user_country']}) is not a two-letter code",
            "use an ISO 3166-1 alpha-2 code such as US or DE",
        )
    if settings.log_level.upper() not in LOG_LEVELS:
        raise ConfigError(
            f"log_level {settings.log_level!r} ({where['log_level']}) is unknown",
            f"use one of {', '.join(LOG_LEVELS)}",
        )


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is when a record is emitted (tests swap it)."""

    @property
    def stream(self) -> Any:
        import sys

        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(level: str) -> None:
    """Log followup's records to stderr, one line each, from `level` up."""
    logger = logging.getLogger("followup")
    if not any(isinstance(h, _CurrentStderr) for h in logger.handlers):
        handler = _CurrentStderr()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level.upper())
