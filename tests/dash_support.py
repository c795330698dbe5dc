"""Call the app's real Dash callbacks through Flask's test client, as the browser does.

The request is built from the app's own /_dash-dependencies, so a test follows each callback's
signature; values not given are sent as None."""

from __future__ import annotations

import json


def _id_text(spec) -> str:
    return spec if isinstance(spec, str) else json.dumps(spec, sort_keys=True, separators=(",", ":"))


def _concrete(spec: str, match: dict | None):
    if spec.startswith("{"):
        parsed = json.loads(spec)
        return {k: (match.get(k) if isinstance(v, list) and match else v) for k, v in parsed.items()}
    return spec


def callback_request(client, first_output: str, values: dict, match: dict | None = None, changed=()) -> dict:
    """The request body for the server callback whose first output is ``first_output``
    ("page-content.children"); ``values`` maps "id.prop" to the value sent."""
    for dependency in client.get("/_dash-dependencies").get_json():
        if dependency.get("clientside_function"):
            continue
        output = dependency["output"]
        parts = output.strip(".").split("...") if output.startswith("..") else [output]
        if parts[0].split("@")[0] != first_output:
            continue
        outputs = []
        for part in parts:
            spec, prop = part.split("@")[0].rsplit(".", 1)
            outputs.append({"id": _concrete(spec, match), "property": prop})

        def item(dep):
            concrete = _concrete(dep["id"], match)
            key = f"{_id_text(concrete)}.{dep['property']}"
            value = concrete if dep["property"] == "id" else values.get(key)
            return {"id": concrete, "property": dep["property"], "value": value}

        return {
            "output": output,
            "outputs": outputs if len(outputs) > 1 or output.startswith("..") else outputs[0],
            "inputs": [item(d) for d in dependency["inputs"]],
            "state": [item(d) for d in dependency["state"]],
            "changedPropIds": list(changed),
        }
    raise LookupError(f"no server callback writes {first_output}")


def call(client, first_output: str, values: dict, match: dict | None = None, changed=()):
    """(status, response JSON or None) of one callback request."""
    body = callback_request(client, first_output, values, match, changed)
    response = client.post("/_dash-update-component", json=body)
    return response.status_code, (response.get_json() if response.status_code == 200 else None)


def component_props(component, type_name: str) -> dict[str, dict]:
    """chart id -> props of every component with a {"type": type_name, "chart": …} id."""
    found = {}
    if isinstance(component, list):
        for child in component:
            found |= component_props(child, type_name)
    elif isinstance(component, dict) and "props" in component:
        props = component["props"]
        if isinstance(props.get("id"), dict) and props["id"].get("type") == type_name:
            found[props["id"]["chart"]] = props
        found |= component_props(props.get("children"), type_name)
    return found


def text_content(node) -> str:
    """The text a browser would show for a Dash component tree (as JSON), like textContent."""
    if isinstance(node, str):
        return node
    if isinstance(node, int | float) and not isinstance(node, bool):
        return str(node)
    if isinstance(node, list):
        return "".join(text_content(child) for child in node)
    if isinstance(node, dict) and "props" in node:
        return text_content(node["props"].get("children"))
    return ""


def table_rows(node) -> list[list[str]]:
    """Every table row's cells as text, wherever it sits in a component tree."""
    if isinstance(node, list):
        return [row for child in node for row in table_rows(child)]
    if not (isinstance(node, dict) and "props" in node):
        return []
    if node.get("type") == "Tr":
        cells = node["props"].get("children")
        return [[text_content(cell) for cell in (cells if isinstance(cells, list) else [cells])]]
    return table_rows(node["props"].get("children"))


def with_hovers(client, figures: dict) -> dict:
    """The figures store's ``charts`` with each mark's hover citation put back from the file the
    answer names."""
    response = client.get(figures["hover_texts"])
    assert response.status_code == 200
    for drawing in figures["charts"].values():
        hovers_put_back(drawing["figure"], response.get_json())
    return figures["charts"]


def hovers_put_back(figure: dict, hovers: dict) -> dict:
    """The rule assets/charts.js follows: a null customdata[4] is its row's own hover."""
    for trace in figure["data"]:
        for item in trace.get("customdata") or []:
            if item and item[4] is None:
                item[4] = hovers[item[0]]
    return figure
