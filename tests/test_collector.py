"""The collector held back while a plan is read, and as it was afterwards."""

from __future__ import annotations

import gc

import pytest

from socialplan.data.collector import paused_collector


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_as_it_was_after(enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        with paused_collector():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), paused_collector():
            raise ValueError
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_decoding_a_plan_pauses_the_collector(monkeypatch, demo_path):
    from socialplan.data import plan_document
    from socialplan.data.store import read_plan

    seen = []
    real = plan_document._decoded

    def decoded(document):
        seen.append(gc.isenabled())
        return real(document)

    monkeypatch.setattr(plan_document, "_decoded", decoded)
    read_plan(demo_path)
    assert seen == [False] and gc.isenabled()
