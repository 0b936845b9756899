"""The notebook how-to runs in a fresh Jupyter kernel and shows every table and figure.

``docs/how-to/notebook.ipynb`` is executed here as a new analyst would run it:
a new kernel, no ``%matplotlib`` line, cells in order. Each kind of value the
notebook shows must arrive as a rich output: HTML for a status, an
explanation, a calendar, a policy and a compliance report (its figure inside
it as a PNG), and an image for the figures that ``report.plot()`` returns.
The notebook is then exported to HTML, as it would be shared, and the
figures must be images there too, not the text ``<Figure size ...>``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from support import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = ROOT / "docs" / "how-to" / "notebook.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    # A kernel of this very Python (the one the package is installed in), whatever
    # kernels the machine has installed under the same names.
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / "connected-care-sla-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "connected-care-sla tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="connected-care-sla-test",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(folder))
        patch.delenv("MPLBACKEND", raising=False)  # the kernel's own default, as in Jupyter
        client.execute()
    return notebook


def _outputs(notebook: Any) -> list[tuple[str, dict[str, Any]]]:
    """``(cell source, output)`` of every output of every code cell."""
    return [
        (cell.source, output)
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    ]


def _html(notebook: Any) -> list[str]:
    return [
        output["data"]["text/html"]
        for _, output in _outputs(notebook)
        if "text/html" in output.get("data", {})
    ]


def test_the_notebook_needs_no_matplotlib_magic() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    sources = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "%matplotlib" not in sources
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        "keep the notebook without outputs: the test suite executes it"
    )


def test_every_cell_runs_without_an_error(executed: Any) -> None:
    errors = [output for _, output in _outputs(executed) if output["output_type"] == "error"]
    assert errors == []


def test_single_values_show_as_html(executed: Any) -> None:
    html = _html(executed)
    assert any("AT RISK" in part and "ccsla" in part for part in html), "a status card"
    assert any("ccsla-timeline" in part for part in html), "an explanation"
    assert any("BusinessCalendar" in part and "make-up workdays" in part for part in html), (
        "a calendar"
    )
    assert any("<th>Premium</th>" in part for part in html), "a policy"


def test_the_report_shows_its_table_and_its_figure(executed: Any) -> None:
    reports = [part for part in _html(executed) if "First-response compliance" in part]
    assert reports, "a compliance report as HTML"
    assert any("<table" in part and 'src="data:image/png;base64,' in part for part in reports)


def test_the_figures_show_as_images(executed: Any) -> None:
    figures = [
        (source, output)
        for source, output in _outputs(executed)
        if output["output_type"] in ("execute_result", "display_data")
        and "image/png" in output.get("data", {})
    ]
    sources = [source for source, _ in figures]
    assert any(source.rstrip().endswith("figure") for source in sources), "report.plot()"
    assert any("monthly.plot()" in source for source in sources), "the trend per month"
    for _, output in figures:
        assert output["data"]["image/png"]  # base64 text of a PNG
    # No figure fell back to its text form alone.
    for _, output in _outputs(executed):
        data = output.get("data", {})
        if data.get("text/plain", "").startswith("<Figure size"):
            assert "image/png" in data


def test_the_html_export_shows_the_figures_as_images(executed: Any) -> None:
    nbconvert = pytest.importorskip("nbconvert")
    body, _ = nbconvert.HTMLExporter().from_notebook_node(executed)
    assert body.count("data:image/png;base64,") >= 4
    assert "&lt;Figure size" not in body
