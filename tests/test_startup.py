"""What start-up no longer does twice: parse the stylesheet, render a frame it throws away.

The time it saves is measured by benchmarks/startup.py; these tests hold the behaviour.
"""

from __future__ import annotations

from textual._compositor import Compositor

SIZE = (120, 40)


async def test_start_up_renders_no_frame_while_updates_are_held_back(make_app, monkeypatch):
    held_back: list[int] = []
    render_update = Compositor.render_update

    def recording(compositor, *args, **kwargs):
        held_back.append(app._batch_count)
        return render_update(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", recording)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Content schedule" in str(app.screen.query_one("#schedule-title").render())
    assert held_back and not any(held_back)
