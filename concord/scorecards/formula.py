"""A safe evaluator for scorecard formulas: arithmetic over KPI values, never `eval`.

The formula is parsed by Python's `ast` into a tree and only these nodes are accepted: numbers,
KPI names, + − × ÷, unary minus, comparisons, and/or/not, `a if condition else b`, and calls of
min, max, abs and round. Everything else (attributes, subscripts, strings, lambdas, imports, …)
is refused at validation with a message naming what is not allowed. Evaluation walks the tree
itself, so no code is ever compiled or run.

Cost is bounded by construction: at most MAX_NODES nodes, every number a float within ±MAX_NUMBER
(Python's integers grow without limit, and `round(5, -1000000)` on an integer took seconds), and
`round` keeps at most MAX_DIGITS digits either side of the point. One evaluation is therefore a
walk of at most 200 float operations, whatever the input.
"""

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MAX_LENGTH = 500
MAX_NODES = 200
MAX_NUMBER = 1e15
MAX_DIGITS = 10


def _round(value: float, digits: float = 0) -> float:
    if digits != int(digits) or not -MAX_DIGITS <= digits <= MAX_DIGITS:
        raise FormulaError(f"round keeps a whole number of digits from -{MAX_DIGITS} to {MAX_DIGITS}.")
    return round(float(value), int(digits))


FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs, "round": _round}
RESERVED = {*FUNCTIONS, "if", "else", "and", "or", "not", "true", "false", "True", "False"}
_BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_COMPARE: dict[type, Callable[[float, float], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_SYMBOLS = {ast.Pow: "**", ast.Mod: "%", ast.FloorDiv: "//", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^"}


class FormulaError(ValueError):
    """A formula that cannot be accepted or evaluated, with a message for the person who wrote it."""


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.Expression
    names: frozenset[str]


def parse(text: str, known: set[str]) -> Formula:
    """Check a formula against the KPI names it may use; raise FormulaError saying what to fix."""
    text = (text or "").strip()
    if not text:
        raise FormulaError("Write a formula, e.g. 100 * on_time / deliveries.")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"Keep the formula under {MAX_LENGTH} characters.")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        column = f" at character {exc.offset}" if exc.offset else ""
        raise FormulaError(f"The formula cannot be read{column}: check brackets and operators.") from exc
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise FormulaError("The formula is too long; split it over several criteria.")
    names: set[str] = set()
    for node in nodes:
        _check(node, known, names)
    if isinstance(tree.body, ast.Compare | ast.BoolOp) or (
        isinstance(tree.body, ast.UnaryOp) and isinstance(tree.body.op, ast.Not)
    ):
        raise FormulaError("The formula gives yes/no, not points: write e.g. `100 if x >= 95 else 0`.")
    _constant_divisors(tree)
    return Formula(text, tree, frozenset(names))


def _check(node: ast.AST, known: set[str], names: set[str]) -> None:
    if isinstance(node, ast.Expression | ast.Load | ast.operator | ast.unaryop | ast.cmpop | ast.boolop):
        if isinstance(node, ast.operator) and type(node) not in _BINARY:
            raise FormulaError(
                f"'{_SYMBOLS.get(type(node), type(node).__name__)}' is not allowed; use + − * /."
            )
        if isinstance(node, ast.unaryop) and not isinstance(node, ast.USub | ast.UAdd | ast.Not):
            raise FormulaError("Only '-' and 'not' may stand before a value.")
        if isinstance(node, ast.cmpop) and type(node) not in _COMPARE:
            raise FormulaError("Compare with <, <=, >, >=, == or != only.")
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(f"Only numbers may be written in a formula, not {node.value!r}.")
        if not abs(node.value) <= MAX_NUMBER:  # also refuses nan and inf
            raise FormulaError(f"Numbers in a formula stay within ±{MAX_NUMBER:,.0f}.")
        return
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            return
        if node.id not in known:
            options = ", ".join(sorted(known)) or "none defined yet"
            raise FormulaError(f"Unknown KPI '{node.id}'. KPIs of this scorecard: {options}.")
        names.add(node.id)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise FormulaError("Only min, max, abs and round may be called.")
        if node.keywords or not node.args:
            raise FormulaError(f"Call {node.func.id} with values in brackets, e.g. {node.func.id}(a, b).")
        if node.func.id == "round":
            _check_round(node)
        return
    if isinstance(node, ast.BinOp | ast.UnaryOp | ast.Compare | ast.BoolOp | ast.IfExp):
        return
    raise FormulaError(f"'{ast.unparse(node)}' is not allowed in a formula.")


def _check_round(node: ast.Call) -> None:
    """round(value) or round(value, digits): digits written as a number are checked now; digits
    computed from KPIs are checked when the formula runs."""
    if len(node.args) > 2:
        raise FormulaError("round takes a value and, optionally, the digits to keep.")
    if len(node.args) == 2 and not any(isinstance(n, ast.Name) for n in ast.walk(node.args[1])):
        _round(0.0, _eval(node.args[1], {}))  # raises FormulaError for digits out of range


def _constant_divisors(tree: ast.Expression) -> None:
    """A divisor made only of numbers that comes to zero is an error whatever the KPIs say."""
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            if any(isinstance(n, ast.Name) and n.id not in FUNCTIONS for n in ast.walk(node.right)):
                continue
            try:
                divisor = _eval(node.right, {})
            except FormulaError:
                continue
            if divisor == 0:
                raise FormulaError(f"Division by zero: '{ast.unparse(node.right)}' is always 0.")


def evaluate(formula: Formula, values: Mapping[str, float]) -> float:
    """The formula's value for these KPI values; FormulaError on division by zero or a yes/no result."""
    result = _eval(formula.tree.body, values)
    if isinstance(result, bool):
        raise FormulaError("The formula gives yes/no, not points.")
    if not math.isfinite(result):
        raise FormulaError("The formula does not give a finite number.")
    return float(result)


def _eval(node: ast.AST, values: Mapping[str, float]) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)  # floats only: integer arithmetic has no bound on its cost
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values), _eval(node.right, values)
        if isinstance(node.op, ast.Div) and right == 0:
            raise FormulaError(f"Division by zero: '{ast.unparse(node.right)}' is 0.")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        return (
            not operand
            if isinstance(node.op, ast.Not)
            else (-operand if isinstance(node.op, ast.USub) else operand)
        )
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _eval(right_node, values)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, values) for v in node.values)
        return any(_eval(v, values) for v in node.values)
    if isinstance(node, ast.IfExp):
        return _eval(node.body, values) if _eval(node.test, values) else _eval(node.orelse, values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_eval(a, values) for a in node.args]
        try:
            return FUNCTIONS[node.func.id](*args)
        except TypeError as exc:
            raise FormulaError(f"{node.func.id} was given the wrong number of values.") from exc
    raise FormulaError(f"'{ast.unparse(node)}' is not allowed in a formula.")
