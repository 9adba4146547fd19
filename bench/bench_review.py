"""Review toolkit performance on generated big models; prints a table (not a timed test).

Usage: ``python -m bench.bench_review``. Measures lint (with a policy that enables every rule,
text with line numbers), SARIF formatting, semantic diff, the textconv outline and a three-way
merge of two independent edits, at 2k, 10k and 50k widgets.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_app  # noqa: E402
from designer.model import App, dumps  # noqa: E402
from designer.review.diff import diff_apps, outline  # noqa: E402
from designer.review.lint import lint, rule_table  # noqa: E402
from designer.review.merge import merge_apps  # noqa: E402
from designer.review.policy import Policy  # noqa: E402
from designer.review.sarif import format_sarif  # noqa: E402

POLICY = Policy(allowed_hosts=("*.example.com",), blocked_source_kinds=("sqlite",),
                pii_offline="forbid", pii_display="masked", export_targets=("pwa",))


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def edited(app: App, screen: int, text: str) -> App:
    copy = App.model_validate(app.model_dump(mode="json", by_alias=True))
    root = copy.screens[screen].root
    root.children[0].a11y_label = text  # type: ignore[attr-defined]
    root.children.pop()  # type: ignore[attr-defined]
    return copy


def main() -> None:
    print(f"{'widgets':>8} {'file MB':>8} {'findings':>9} {'lint s':>8} {'sarif s':>8} "
          f"{'diff s':>8} {'outline s':>9} {'merge s':>8}")
    for screens, per in ((10, 200), (20, 500), (50, 1000)):
        app = make_app(screens, per)
        text = dumps(app).decode()
        findings, t_lint = timed(lint, app, POLICY, "big.fieldcraft.json", text)
        _, t_sarif = timed(format_sarif, [("big.fieldcraft.json", findings)], rule_table(), "0")
        ours, theirs = edited(app, 0, "ours"), edited(app, screens - 1, "theirs")
        changes, t_diff = timed(diff_apps, app, ours)
        _, t_outline = timed(outline, app)
        result, t_merge = timed(merge_apps, app, ours, theirs)
        assert changes and result.clean, result.report()
        print(f"{screens * per:>8} {len(text) / 1e6:>8.1f} {len(findings):>9} {t_lint:>8.2f} "
              f"{t_sarif:>8.2f} {t_diff:>8.2f} {t_outline:>9.2f} {t_merge:>8.2f}")


if __name__ == "__main__":
    main()
