package io.dwpilot.models.sql;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/** What a statement does, coarsely: reads, one of the four writes, a schema change, or anything else. */
public enum StatementKind {
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    MERGE,
    DDL,
    OTHER;

    static StatementKind of(Statement statement) {
        if (statement instanceof Select) {
            return SELECT;
        } else if (statement instanceof Insert) {
            return INSERT;
        } else if (statement instanceof Update) {
            return UPDATE;
        } else if (statement instanceof Delete) {
            return DELETE;
        } else if (statement instanceof Merge) {
            return MERGE;
        } else if (isDdl(statement)) {
            return DDL;
        }
        return OTHER;
    }

    private static boolean isDdl(Statement statement) {
        return statement instanceof CreateTable
                || statement instanceof CreateIndex
                || statement instanceof CreateView
                || statement instanceof AlterView
                || statement instanceof CreateSchema
                || statement instanceof CreateSequence
                || statement instanceof AlterSequence
                || statement instanceof Alter
                || statement instanceof RenameTableStatement
                || statement instanceof Drop
                || statement instanceof Truncate
                || statement instanceof Comment;
    }
}
