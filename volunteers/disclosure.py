"""No one can be picked out of a figure: the one rule for every table of people's answers
(the diversity report, the strategy's census comparison, the Home Office cuts of the
KPIs, their exports, and every report still to come).

A group of fewer than settings.SMALL_GROUP_THRESHOLD people is hidden. Hiding it alone
is not enough: a table's groups add up to a total that is shown (or known), so the
hidden one would be the total less the rest. So more groups are hidden, smallest first,
until at least two are hidden and together they hold at least the threshold: then no
subtraction gives back a small group (complementary suppression). Where that cannot be
done, every group is hidden, empty ones too. Every hidden cell reads the same
(`HIDDEN`), so the words never tell a small group from one hidden to protect it.
"""

from collections.abc import Hashable, Mapping

from django.conf import settings

HIDDEN = "hidden"


def threshold() -> int:
    return settings.SMALL_GROUP_THRESHOLD


def hidden_groups[K: Hashable](
    counts: Mapping[K, int], *, already: frozenset[K] | set[K] = frozenset()
) -> set[K]:
    """The groups of one table to hide (see the module's rule). Empty groups stay shown.

    `already` are groups hidden in a table this one follows from (a later stage of the same
    people): they stay hidden, and are protected here too, even where they are now empty,
    since "none of them" is as telling as a small number."""
    limit = threshold()
    hidden = {group for group, n in counts.items() if 0 < n < limit} | (set(already) & set(counts))
    if not hidden:
        return hidden
    shown = sorted((n, index, group) for index, (group, n) in enumerate(counts.items()) if n)
    shown = [(n, group) for n, _, group in shown if group not in hidden]
    while shown and (len(hidden) < 2 or sum(counts[g] for g in hidden) < limit):
        hidden.add(shown.pop(0)[1])
    if len(hidden) < 2 or sum(counts[g] for g in hidden) < limit:
        return set(counts)  # it cannot be protected by hiding some: hide it all
    return hidden
