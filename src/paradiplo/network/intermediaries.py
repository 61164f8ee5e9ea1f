"""Actors ranked as intermediaries, and the leading intermediaries per period."""

from __future__ import annotations

from collections import Counter

from .extract import Extract, Filters
from .measures import node_measures, two_mode_measures
from .networks import actor_network, two_mode


def intermediaries(ex: Extract, filters: Filters | None = None, group_by: str = "country",
                   top: int | None = None, built: tuple | None = None) -> list[dict]:
    """Actors ranked as intermediaries of the actor network, with the reasons.

    Rank: the mean of an actor's percentile ranks on three measures, each read as
    brokerage: normalised betweenness in the actor network (lying on paths between
    others), Gould-Fernandez brokerage across groups (representative + gatekeeper +
    itinerant + liaison two-paths, groups by ``group_by``), and effective size (Burt's
    non-redundant contacts). Ties keep label order. Only actors with at least one tie
    are ranked. ``reason`` says in words which groups, cases and roles the actor spans.
    ``built`` is ``(two-mode network, its measures, actor network, its measures)`` when the
    caller has them already (for the same filters and groups).
    """
    f = filters or Filters()
    if built is None:
        B = two_mode(ex, f)
        G = actor_network(B)
        built = (B, two_mode_measures(B), G, node_measures(G, {n: G.nodes[n].get(group_by, "") for n in G}))
    B, B_measures, G, m = built
    if G.number_of_nodes() == 0:
        return []
    groups = {n: G.nodes[n].get(group_by, "") for n in G}
    cross = {n: m[n]["brokerage_total"] - m[n]["brokerage_coordinator"] for n in G}
    eff = {n: m[n]["effective_size"] or 0.0 for n in G}
    btw = {n: m[n]["betweenness"] for n in G}
    ranked_nodes = [n for n in G if G.degree(n) > 0]
    score = {n: (_pct(btw, n, ranked_nodes) + _pct(cross, n, ranked_nodes) + _pct(eff, n, ranked_nodes)) / 3
             for n in ranked_nodes}
    rows = []
    for n in sorted(ranked_nodes, key=lambda n: (-score[n], G.nodes[n]["label"])):
        d = G.nodes[n]
        neighbours = list(G.neighbors(n))
        other_groups = sorted({groups[x] for x in neighbours if groups[x]} - {groups[n]})
        roles = Counter(r for a in B.neighbors(n) for r in B.edges[n, a]["roles"])
        role_text = ", ".join(f"{r} ({c})" if c > 1 else r for r, c in sorted(roles.items()))
        cases = sorted({c for a in B.neighbors(n) for c in B.nodes[a]["cases"]})
        reason = f"ties to {len(neighbours)} actors"
        if other_groups:
            reason += f", {len(other_groups)} other {group_by} group(s) ({'; '.join(other_groups)})"
        reason += f"; as {role_text}" if role_text else ""
        if len(cases) > 1:
            reason += f"; spans {len(cases)} cases ({', '.join(cases)})"
        rows.append({
            "rank": len(rows) + 1, "actor": n, "label": d["label"], "type": d["type"], "level": d["level"],
            "country": d["country"], "score": round(score[n], 4), "betweenness": round(btw[n], 4),
            "brokerage_cross_group": cross[n], "effective_size": round(eff[n], 3),
            "constraint": None if m[n]["constraint"] is None else round(m[n]["constraint"], 3),
            "two_mode_betweenness": round(B_measures[n]["betweenness"], 4),
            "degree": m[n]["degree"], "cases": cases, "reason": reason,
        })
    return rows[:top] if top else rows


def _pct(values: dict, node, among) -> float:
    """Share of ``among`` whose value is strictly lower, plus half the ties (mid-rank)."""
    x = values[node]
    lower = sum(1 for n in among if values[n] < x)
    equal = sum(1 for n in among if values[n] == x) - 1
    return (lower + equal / 2) / max(len(among) - 1, 1)


def timeline(ex: Extract, window: int = 5, top: int = 3, group_by: str = "country",
             filters: Filters | None = None) -> list[dict]:
    """The leading intermediaries per period of ``window`` years (dated affairs only)."""
    base = filters or Filters()
    years = [d["start"] for d in ex.affairs.values() if d["start"] is not None]
    if not years:
        return []
    first = min(years) - min(years) % window
    rows = []
    for lo in range(first, max(years) + 1, window):
        f = Filters(base.case, lo, lo + window - 1, base.actor_types, base.include_generic, base.keep_persons)
        for r in intermediaries(ex, f, group_by=group_by, top=top):
            rows.append({"period": f"{lo}-{lo + window - 1}", **{k: r[k] for k in (
                "rank", "label", "type", "country", "score", "betweenness", "brokerage_cross_group", "reason")}})
    return rows
