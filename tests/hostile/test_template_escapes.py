"""``--templates DIR`` is code, so it runs sandboxed: the classic Jinja escapes are refused.

Every case runs the real CLI (``python -m designer export … --templates DIR``) with a secret in
its environment. An escape attempt must end with exit 1 and one located line
(``README.md.jinja:LINE: …``), no traceback, no export folder, the secret nowhere in the output,
and no command run (the ``os.system``/``popen`` payloads would create a file).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporters import get
from exporters.templating import make_environment
from tests.conftest import EXAMPLE, ROOT

SECRET = "S3CRET-tpl-9dQx7LmW2"
PWNED = "pwned-marker"


def export(tmp_path: Path, templates: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIELDCRAFT_TEST_SECRET": SECRET, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "designer", "export", str(EXAMPLE), "-t", "pwa",
                           "-o", str(tmp_path / "out"), "--templates", str(templates), "-q"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=180)


def override(tmp_path: Path, text: str, name: str = "README.md.jinja") -> Path:
    tpl = tmp_path / "tpl"
    (tpl / name).parent.mkdir(parents=True, exist_ok=True)
    (tpl / name).write_text(text)
    return tpl


def everything_written(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())


#: name → (template line, what the one-line refusal must say)
ESCAPES = {
    "cycler-environ": ("{{ cycler.__init__.__globals__.os.environ | md_text }}", "'__init__'"),
    "cycler-system": (f"{{{{ cycler.__init__.__globals__.os.system('touch {PWNED}') | md_text }}}}",
                      "'__init__'"),
    "joiner-popen": (f"{{{{ joiner.__init__.__globals__.os.popen('touch {PWNED}').read() "
                     "| md_text }}", "'__init__'"),
    "self-globals": ("{{ self.__init__.__globals__ | md_text }}", "'__init__'"),
    "lipsum-globals": ("{{ lipsum.__globals__['os'].environ | md_text }}", "'__globals__'"),
    "range-class": ("{{ range.__class__.__base__.__subclasses__() | md_text }}", "'__class__'"),
    "str-mro": ("{{ ''.__class__.__mro__[1].__subclasses__() | md_text }}", "'__class__'"),
    "namespace-init": ("{{ namespace.__init__.__globals__ | md_text }}", "'__init__'"),
    "subscript-dunder": ("{{ app['__class__']['__init__']['__globals__'] | md_text }}",
                         "'__class__'"),
    "format-field": ("{{ '{0.__init__.__globals__[os].environ}'.format(cycler) | md_text }}",
                     "'__init__'"),
    "no-os": ("{{ os.system('touch " + PWNED + "') | md_text }}", "'os' is undefined"),
    "model-method": ("{{ app.app_id() | md_text }}", "calling App.app_id() is not allowed"),
    "huge-repeat": ("{{ ('x' * 2000000000) | md_text }}", "too large"),
    "huge-power": ("{{ (9 ** 999999999) | md_text }}", "too large"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError"),
}


@pytest.mark.parametrize(("payload", "why"), ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_escape_is_refused_with_a_located_line(tmp_path: Path, payload: str,
                                                          why: str) -> None:
    tpl = override(tmp_path, f"# {{{{ app.name | md_text }}}}\n\n{payload}\n")
    done = export(tmp_path, tpl)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("fieldcraft: export failed in tpl/README.md.jinja:3: "), lines[0]
    assert why in lines[0], lines[0]
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / PWNED).exists()
    assert SECRET not in done.stdout + done.stderr
    assert SECRET.encode() not in everything_written(tmp_path)


def test_a_legitimate_override_still_renders_with_its_escaping_filters(tmp_path: Path) -> None:
    tpl = override(tmp_path, "# {{ app.name.upper() | md_text }}\n"
                   "{% for k, v in {'a': 1}.items() %}{{ (k ~ v) | md_code }}{% endfor %}\n"
                   "{{ '{}-{}'.format(app.id, 2) | md_text }}\n")
    done = export(tmp_path, tpl)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "README.md").read_text() == \
        "# FIELD SALES\n`a1`app\\_field\\_sales\\-2\n"


def test_a_symlinked_folder_in_the_templates_folder_is_refused(tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir()
    (private / "base.css").write_text(f"/* {SECRET} */")  # a built-in name under styles/
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    os.symlink(private, tpl / "styles")
    done = export(tmp_path, tpl)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"fieldcraft: {tpl / 'styles'}: symbolic links to folders are not accepted in a "
        "templates folder"]
    assert not (tmp_path / "out").exists()
    assert SECRET not in done.stdout


def test_a_fifo_in_the_templates_folder_is_refused_without_opening_it(tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    os.mkfifo(tpl / "README.md.jinja")
    done = export(tmp_path, tpl)  # opening the FIFO would block until the timeout
    assert done.returncode == 1
    assert done.stderr.strip() == f"fieldcraft: {tpl / 'README.md.jinja'}: not a regular file"


@pytest.mark.parametrize("target", ["pwa", "react-native", "flutter"])
def test_built_in_templates_render_in_the_same_sandbox(target: str) -> None:
    exporter = get(target)
    env = make_environment(exporter.templates_dir, None, exporter.filters())
    template = env.from_string("{{ cycler.__init__.__globals__.os.environ }}")
    with pytest.raises(Exception, match="unsafe") as caught:
        template.render()
    assert SECRET not in str(caught.value)
