"""Versioned prompt templates (`prompts/<id>.v<version>.yaml`) rendered with undefined variables as errors."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import jinja2
import yaml
from pydantic import ValidationError

from factcheck.errors import LLMError
from factcheck.types import Frozen

_FILE_NAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)\.v(?P<version>[0-9]+)\.yaml$")


def default_prompts_dir() -> Path:
    """The `prompts/` directory at the top of the project."""
    return Path(__file__).resolve().parent.parent / "prompts"


def escape_data(value: object) -> str:
    """Text made safe to place inside a tagged data block: it cannot close the block or open another."""
    return html.escape(str(value), quote=False)


def escape_attribute(value: object) -> str:
    """Text made safe to place inside a double-quoted attribute of a data tag."""
    return html.escape(str(value), quote=True)


def unescape_data(value: str) -> str:
    """Undo `escape_data` on text a model copied out of a data block."""
    return html.unescape(value)


class RenderedPrompt(Frozen):
    """A prompt ready to send: its versioned id and the two messages."""

    id: str
    system: str
    user: str


class PromptTemplate(Frozen):
    """One versioned prompt: a system part and a user part, both Jinja templates."""

    id: str
    version: int
    description: str = ""
    system: str
    user: str

    @property
    def key(self) -> str:
        """The id recorded in results, e.g. `judge_quote.v1`."""
        return f"{self.id}.v{self.version}"

    def render(self, **variables: Any) -> RenderedPrompt:
        """Fill both parts; a variable the template uses but the caller did not pass is an error."""
        env = _environment()
        try:
            system = env.from_string(self.system).render(**variables)
            user = env.from_string(self.user).render(**variables)
        except jinja2.UndefinedError as exc:
            raise LLMError(f"prompt {self.key}: {exc.message}") from exc
        except jinja2.TemplateError as exc:
            raise LLMError(f"prompt {self.key} is not a valid template: {exc}") from exc
        return RenderedPrompt(id=self.key, system=system.strip(), user=user.strip())


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["data"] = escape_data
    env.filters["attr"] = escape_attribute
    return env


def load_prompt(prompt_id: str, version: int | None = None, directory: Path | None = None) -> PromptTemplate:
    """The template `prompt_id` at `version` (the newest when omitted) from `directory`."""
    root = directory or default_prompts_dir()
    versions = {
        int(m["version"]): path
        for path in sorted(root.glob(f"{prompt_id}.v*.yaml"))
        if (m := _FILE_NAME.match(path.name)) and m["id"] == prompt_id
    }
    if not versions:
        raise LLMError(f"no prompt named {prompt_id!r} in {root}")
    chosen = max(versions) if version is None else version
    if chosen not in versions:
        raise LLMError(f"prompt {prompt_id!r} has no version {chosen} in {root}")
    path = versions[chosen]
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        template = PromptTemplate.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise LLMError(f"cannot read prompt file {path}: {exc}") from exc
    if (template.id, template.version) != (prompt_id, chosen):
        raise LLMError(f"{path} declares {template.key}, which does not match its file name")
    return template
