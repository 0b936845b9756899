"""Policy files: TOML read from a path, with errors naming the file, the key and the value.

The format is on the policy reference page;
[`Policy.from_mapping`][connected_care_sla.policy.model.Policy.from_mapping] reads the structure,
this module adds the file.
"""

from __future__ import annotations

import os

from .._text import shown
from ..exceptions import PolicyError
from .mapping import Where, read_book, read_policy
from .model import Policy, PolicyBook, _book, build

__all__ = ["load_policy", "load_policy_book"]


def _parse_toml(path: os.PathLike[str] | str) -> dict[str, object]:
    import tomllib  # here, not at import: only reading a file needs it

    name = _file_path(path)
    label = shown(name)
    try:
        with open(name, "rb") as handle:
            raw = handle.read()
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError(f"policy file {label} is not valid TOML: {exc}") from exc
    except RecursionError:
        # tomllib reads nested arrays and inline tables recursively.
        raise PolicyError(
            f"policy file {label} nests arrays or tables too deeply to read; a policy "
            f"needs two levels ([first_response] rows of cells)"
        ) from None


def _file_path(path: object) -> str:
    """``path`` as a ``str`` file name, or PolicyError for anything that is not a path.

    (An ``int`` would make ``open`` read, then close, that file descriptor.)
    """
    name = os.fspath(path) if isinstance(path, os.PathLike) else path
    if not isinstance(name, str):
        raise PolicyError(
            f"a policy file must be a path (a str or pathlib.Path), got {shown(path)} of type "
            f"{type(path).__name__}"
        )
    if "\0" in name:
        raise PolicyError(f"policy file name {shown(name)} contains a NUL character")
    return name


def _where_file(path: os.PathLike[str] | str) -> Where:
    return Where(f"policy file {shown(str(path))}")


def load_policy(path: os.PathLike[str] | str) -> Policy:
    """Read one policy from a TOML file (the format is in the module doc).

    Raises:
        PolicyError: the file is not TOML, is empty, or is malformed; the message
            names the file, the key and the bad value.
        OSError: the file cannot be read.
    """
    data = _parse_toml(path)
    where = _where_file(path)
    if "versions" in data:
        raise where.error(
            "versions",
            "[[versions]]",
            "this file is a policy book of several versions; read it with load_policy_book",
        )
    return build(read_policy(data, where, default_name=_stem(path)))


def load_policy_book(path: os.PathLike[str] | str) -> PolicyBook:
    """Read a policy book (``[[versions]]``) from a TOML file.

    A file holding a single policy with an ``effective_from`` date gives a
    book of one version.

    Raises:
        PolicyError: as [`load_policy`][connected_care_sla.load_policy], and for a version without a
            date or two versions with the same date.
        OSError: the file cannot be read.
    """
    data = _parse_toml(path)
    where = _where_file(path)
    if "versions" not in data:
        return _book(where, [build(read_policy(data, where, default_name=_stem(path)))], "")
    versions = read_book(data, where, default_name=_stem(path))
    return _book(where, [build(version) for version in versions], "versions[{}].")


def _stem(path: os.PathLike[str] | str) -> str:
    return os.path.splitext(os.path.basename(os.fspath(path)))[0] or "custom policy"
