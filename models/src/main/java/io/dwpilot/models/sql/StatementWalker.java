package io.dwpilot.models.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Walks one parsed statement query block by query block: registers each block's FROM items in a {@link Scope},
 * hands its clauses to {@link ExpressionCollector} and {@link ConditionAnalyzer} with the role they give their
 * columns, and records joins. One walker per statement; it keeps its findings in an {@link AnalysisBuilder}.
 */
final class StatementWalker {
    private static final Set<String> DROPPED_RELATIONS = Set.of("TABLE", "VIEW", "MATERIALIZED VIEW");
    private static final String UNNAMED = "?";

    private final AnalysisBuilder output = new AnalysisBuilder();

    private StatementWalker() {}

    static AnalysisBuilder walk(Statement statement) {
        StatementWalker walker = new StatementWalker();
        walker.statement(statement);
        return walker.output;
    }

    AnalysisBuilder output() {
        return output;
    }

    ColumnRef reference(Scope scope, Column column) {
        return new ColumnRef(tableOf(scope.resolve(column)), Identifiers.normalize(column.getColumnName()));
    }

    ColumnRef star(Scope scope, Table qualifier) {
        return new ColumnRef(tableOf(scope.resolve(qualifier)), "*");
    }

    ExpressionCollector collector(Scope scope, int depth, ColumnRole role) {
        return new ExpressionCollector(this, scope, depth, column -> output.column(role, column), false);
    }

    void query(Select select, Scope outer, int depth) {
        output.queryBlockAt(depth);
        Scope scope = withItems(select.getWithItemsList(), outer, depth);
        if (select instanceof PlainSelect plain) {
            plainSelect(plain, scope, depth);
        } else if (select instanceof SetOperationList setOperation) {
            setOperation.getSelects().forEach(branch -> query(branch, scope, depth));
            // a set operation's ORDER BY names output columns, which belong to no table
            orderBy(setOperation.getOrderByElements(), List.of(), Scope.root(), depth);
        } else if (select instanceof ParenthesedSelect parenthesed) {
            query(parenthesed.getSelect(), scope, depth);
            orderBy(parenthesed.getOrderByElements(), List.of(), Scope.root(), depth);
        } else if (select instanceof Values values) {
            collector(scope, depth, ColumnRole.SELECT).collect(values.getExpressions());
        }
    }

    private void statement(Statement statement) {
        if (statement instanceof Select select) {
            query(select, Scope.root(), 0);
            outermostLimit(select);
        } else if (statement instanceof Insert insert) {
            Scope scope = withItems(insert.getWithItemsList(), Scope.root(), 0);
            table(insert.getTable());
            if (insert.getSelect() != null) {
                query(insert.getSelect(), scope, 0);
            }
        } else if (statement instanceof Update update) {
            update(update);
        } else if (statement instanceof Delete delete) {
            delete(delete);
        } else if (statement instanceof Merge merge) {
            Scope scope = withItems(merge.getWithItemsList(), Scope.root(), 0).child();
            tableItem(merge.getTable(), scope);
            fromItem(merge.getFromItem(), scope, 0, new ArrayList<>());
            ConditionAnalyzer.analyze(this, scope, 0, merge.getOnCondition());
        } else {
            schemaChange(statement);
        }
    }

    // The target of an UPDATE or DELETE is a FROM item too: SET and WHERE refer to it, and UPDATE's FROM and
    // DELETE's USING join it like a comma.
    private void update(Update update) {
        Scope scope = withItems(update.getWithItemsList(), Scope.root(), 0).child();
        Scope.Source target = tableItem(update.getTable(), scope);
        List<PendingJoin> joins = new ArrayList<>();
        if (update.getFromItem() != null) {
            List<Scope.Source> earlier = scope.sources();
            Scope.Source from = fromClause(update.getFromItem(), update.getJoins(), scope, 0, joins);
            joins.add(0, PendingJoin.comma(target, from, earlier));
        }
        for (UpdateSet set : update.getUpdateSets()) {
            collector(scope, 0, ColumnRole.SELECT).collect(set.getValues());
        }
        where(update.getWhere(), joins, scope, 0);
    }

    private void delete(Delete delete) {
        Scope scope = withItems(delete.getWithItemsList(), Scope.root(), 0).child();
        Scope.Source previous = tableItem(delete.getTable(), scope);
        List<PendingJoin> joins = new ArrayList<>();
        for (Table using : delete.getUsingList() == null ? List.<Table>of() : delete.getUsingList()) {
            List<Scope.Source> earlier = scope.sources();
            Scope.Source right = fromItem(using, scope, 0, joins);
            joins.add(PendingJoin.comma(previous, right, earlier));
            previous = right;
        }
        where(delete.getWhere(), joins, scope, 0);
    }

    // A schema change names the relation it changes; CREATE VIEW and CREATE TABLE AS also read their query's tables.
    private void schemaChange(Statement statement) {
        if (statement instanceof CreateIndex index) {
            table(index.getTable());
        } else if (statement instanceof CreateTable create) {
            table(create.getTable());
            if (create.getSelect() != null) {
                query(create.getSelect(), Scope.root(), 0);
            }
        } else if (statement instanceof CreateView view) {
            table(view.getView());
            query(view.getSelect(), Scope.root(), 0);
        } else if (statement instanceof Alter alter) {
            table(alter.getTable());
        } else if (statement instanceof Drop drop
                && DROPPED_RELATIONS.contains(drop.getType().toUpperCase(Locale.ROOT))) {
            table(drop.getName());
        } else if (statement instanceof Truncate truncate) {
            truncate.getTables().forEach(this::table);
        }
    }

    private Scope withItems(List<WithItem<?>> items, Scope outer, int depth) {
        if (items == null || items.isEmpty()) {
            return outer;
        }
        Scope scope = outer.child();
        for (WithItem<?> item : items) {
            // declared before its body is walked, so that a recursive CTE's reference to itself is no table
            scope.declareCte(Identifiers.normalize(item.getAlias().getName()));
            if (item.getParenthesedStatement() instanceof Select body) {
                query(body, scope, depth + 1);
            }
        }
        return scope;
    }

    private void plainSelect(PlainSelect select, Scope outer, int depth) {
        Scope scope = outer.child();
        if (select.getDistinct() != null) {
            output.distinct();
        }
        List<PendingJoin> joins = new ArrayList<>();
        if (select.getFromItem() != null) {
            fromClause(select.getFromItem(), select.getJoins(), scope, depth, joins);
        }
        List<SelectItem<?>> items = select.getSelectItems();
        items.forEach(item -> selectItem(item.getExpression(), scope, depth));
        where(select.getWhere(), joins, scope, depth);
        groupBy(select.getGroupBy(), items, scope, depth);
        ConditionAnalyzer.analyze(this, scope, depth, select.getHaving());
        if (select.getWindowDefinitions() != null) {
            select.getWindowDefinitions().forEach(window -> windowDefinition(window, scope, depth));
        }
        orderBy(select.getOrderByElements(), items, scope, depth);
    }

    /** Reads WHERE, then records the block's joins: after those of the blocks nested in it, in FROM order. */
    private void where(Expression where, List<PendingJoin> joins, Scope scope, int depth) {
        List<ConditionAnalyzer.JoinEdge> edges = ConditionAnalyzer.analyzeWhere(this, scope, depth, where);
        joins.forEach(join -> output.join(join.resolve(edges)));
    }

    private void selectItem(Expression expression, Scope scope, int depth) {
        // count(*)'s star is no column, so the select list's bare star is taken here rather than by the collector
        if (expression instanceof AllColumns && !(expression instanceof AllTableColumns)) {
            output.column(ColumnRole.SELECT, star(scope, null));
        } else {
            collector(scope, depth, ColumnRole.SELECT).collect(expression);
        }
    }

    /** Registers the FROM items in order and reads the ON conditions; the joins are resolved after WHERE. */
    private Scope.Source fromClause(
            FromItem first, List<Join> joins, Scope scope, int depth, List<PendingJoin> pending) {
        Scope.Source leading = fromItem(first, scope, depth, pending);
        Scope.Source previous = leading;
        for (Join join : joins == null ? List.<Join>of() : joins) {
            List<Scope.Source> earlier = scope.sources();
            Scope.Source right = fromItem(join.getFromItem(), scope, depth, pending);
            List<ConditionAnalyzer.JoinEdge> on = null;
            if (!join.isSimple()) {
                on = new ArrayList<>();
                for (Expression condition : join.getOnExpressions()) {
                    on.addAll(ConditionAnalyzer.analyze(this, scope, depth, condition));
                }
                usingColumns(join, previous, right);
            }
            pending.add(
                    on == null
                            ? PendingJoin.comma(previous, right, earlier)
                            : new PendingJoin(join, previous, right, earlier, on));
            previous = right;
        }
        return leading;
    }

    private void usingColumns(Join join, Scope.Source left, Scope.Source right) {
        for (Column using : join.getUsingColumns() == null ? List.<Column>of() : join.getUsingColumns()) {
            String name = Identifiers.normalize(using.getColumnName());
            output.column(ColumnRole.JOIN, new ColumnRef(left.table(), name));
            output.column(ColumnRole.JOIN, new ColumnRef(right.table(), name));
        }
    }

    private Scope.Source fromItem(FromItem item, Scope scope, int depth, List<PendingJoin> pending) {
        String alias = aliasOf(item.getAlias());
        if (item instanceof Table table) {
            return tableItem(table, scope);
        } else if (item instanceof ParenthesedSelect derived) {
            // a derived table cannot see its sibling FROM items, a LATERAL one can
            query(derived, derived instanceof LateralSubSelect ? scope : scope.parentOrSelf(), depth + 1);
        } else if (item instanceof ParenthesedFromItem group) {
            // a parenthesized join is named by its first item
            Scope.Source leading = fromClause(group.getFromItem(), group.getJoins(), scope, depth, pending);
            if (alias == null) {
                return leading;
            }
        } else if (item instanceof TableFunction function) {
            collector(scope, depth, ColumnRole.SELECT).collect(function.getFunction());
            return derivedSource(
                    alias, Identifiers.normalize(function.getFunction().getName()), scope);
        }
        return derivedSource(alias, UNNAMED, scope);
    }

    /** A FROM item with no base table behind it, known by its alias. */
    private static Scope.Source derivedSource(String alias, String fallbackName, Scope scope) {
        String name = alias != null ? alias : fallbackName;
        return scope.add(new Scope.Source(name, null), List.of(name));
    }

    private Scope.Source tableItem(Table table, Scope scope) {
        String alias = aliasOf(table.getAlias());
        String name = Identifiers.qualifiedName(table);
        if (!Identifiers.isQualified(table) && scope.isCte(name)) {
            return derivedSource(alias, name, scope);
        }
        output.table(name);
        if (alias != null) {
            return scope.add(new Scope.Source(alias, name), List.of(alias));
        }
        return scope.add(new Scope.Source(name, name), List.of(name, Identifiers.normalize(table.getName())));
    }

    private void groupBy(GroupByElement groupBy, List<SelectItem<?>> items, Scope scope, int depth) {
        if (groupBy == null) {
            return;
        }
        Consumer<ColumnRef> grouped = column -> output.column(ColumnRole.GROUP_BY, column);
        expressions(groupBy.getGroupByExpressionList()).forEach(e -> outputColumns(e, items, scope, depth, grouped));
        if (groupBy.getGroupingSets() != null) {
            groupBy.getGroupingSets()
                    .forEach(set -> expressions(set).forEach(e -> outputColumns(e, items, scope, depth, grouped)));
        }
    }

    private void orderBy(List<OrderByElement> elements, List<SelectItem<?>> items, Scope scope, int depth) {
        if (elements == null) {
            return;
        }
        for (OrderByElement element : elements) {
            boolean ascending = element.isAsc();
            outputColumns(element.getExpression(), items, scope, depth, column -> {
                output.column(ColumnRole.ORDER_BY, column);
                output.sortKey(new SortKey(column, ascending));
            });
        }
    }

    private void windowDefinition(WindowDefinition window, Scope scope, int depth) {
        ExpressionCollector collector = collector(scope, depth, ColumnRole.SELECT);
        expressions(window.getPartitionExpressionList()).forEach(collector::collect);
        if (window.getOrderByElements() != null) {
            window.getOrderByElements().forEach(element -> collector.collect(element.getExpression()));
        }
    }

    /**
     * GROUP BY and ORDER BY may name a select item by position or alias; they then mean its expression, whose calls
     * and subqueries the select list has already counted.
     */
    private void outputColumns(
            Expression e, List<SelectItem<?>> items, Scope scope, int depth, Consumer<ColumnRef> sink) {
        Expression named = selectItemNamedBy(e, items);
        new ExpressionCollector(this, scope, depth, sink, named != null).collect(named != null ? named : e);
    }

    private static Expression selectItemNamedBy(Expression e, List<SelectItem<?>> items) {
        if (e instanceof LongValue position && position.getValue() >= 1 && position.getValue() <= items.size()) {
            return items.get((int) position.getValue() - 1).getExpression();
        }
        if (e instanceof Column column
                && (column.getTable() == null || column.getTable().getName() == null)) {
            String name = Identifiers.normalize(column.getColumnName());
            for (SelectItem<?> item : items) {
                if (name.equals(aliasOf(item.getAlias()))) {
                    return item.getExpression();
                }
            }
        }
        return null;
    }

    private void outermostLimit(Select select) {
        Expression rows = null;
        if (select.getLimit() != null) {
            rows = select.getLimit().getRowCount();
        } else if (select.getFetch() != null) {
            rows = select.getFetch().getExpression();
        }
        if (rows instanceof LongValue count) {
            output.limit(count.getValue());
        }
    }

    private void table(Table table) {
        output.table(Identifiers.qualifiedName(table));
    }

    private static String tableOf(Scope.Source source) {
        return source == null ? null : source.table();
    }

    private static String aliasOf(Alias alias) {
        return alias == null ? null : Identifiers.normalize(alias.getName());
    }

    private static List<Expression> expressions(ExpressionList<?> list) {
        List<Expression> expressions = new ArrayList<>();
        if (list != null) {
            list.forEach(e -> expressions.add((Expression) e));
        }
        return expressions;
    }
}
