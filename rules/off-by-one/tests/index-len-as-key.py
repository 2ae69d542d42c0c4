# pyomo's indexed components create the entry a read names: a repository that writes `x[len(x)]` in five
# places or more keys its containers by count (`unless_project: len-as-key`, reviewer.rules.practice). The
# case file stands for the repository.


def exactly(visitor, total, n):
    # ok: off-by-one/index-len
    equal = visitor.disjuncts[len(visitor.disjuncts)]
    equal.constraint = total == n
    other = visitor.disjuncts[len(visitor.disjuncts)]
    other.constraint = total != n
    visitor.disjunctions[len(visitor.disjunctions)] = [equal, other]
    return equal


def at_least(visitor, total, n):
    more = visitor.disjuncts[len(visitor.disjuncts)]
    less = visitor.disjuncts[len(visitor.disjuncts)]
    more.constraint = total >= n
    less.constraint = total < n
    return more


def at_most(visitor, total, n):
    most = visitor.disjuncts[len(visitor.disjuncts)]
    over = visitor.disjuncts[len(visitor.disjuncts)]
    cuts = visitor.cuts[len(visitor.cuts)]
    aux = visitor.aux_vars[len(visitor.aux_vars)]
    most.constraint = total <= n
    over.constraint = total > n
    return most, cuts, aux
