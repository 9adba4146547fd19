"""A loaded model is moved out of the collector's young generations (``gc.freeze``), so the
first collections after ``load`` do not walk ~100k new objects again (issue 17)."""

from __future__ import annotations

import gc

from bench.generate import make_app
from designer.model import dumps, load


def test_load_freezes_the_model_it_built(tmp_path):
    path = tmp_path / "m.fieldcraft.json"
    path.write_bytes(dumps(make_app(20, 50)))            # 1,000 widgets
    gc.collect()
    frozen = gc.get_freeze_count()
    app = load(path)
    widgets = [widget for _, widget, _ in app.widgets()]
    assert len(widgets) == 1000
    assert gc.get_freeze_count() - frozen >= 10 * len(widgets)
    collectable = {id(o) for g in (0, 1, 2) for o in gc.get_objects(generation=g)}
    assert not any(id(w) in collectable for w in widgets)
    assert id(app) not in collectable
    assert gc.isenabled()


def test_a_frozen_model_is_still_freed(tmp_path):
    import weakref

    path = tmp_path / "m.fieldcraft.json"
    path.write_bytes(dumps(make_app(2, 50)))
    app = load(path)
    gone = weakref.ref(app.screens[0])
    del app
    assert gone() is None                               # reference counting frees it
