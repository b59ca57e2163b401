using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// The row check of the one-round-trip group commit (<c>PostgreSqlGroupCommit</c>): a statement of the batch
    /// calls it with the rows it expected to touch and the rows it touched, and a mismatch fails the whole batch
    /// (its implicit transaction) with the given SQLSTATE.
    /// </summary>
    public partial class GroupCommitRowCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION crmflow_expect_rows(expected bigint, actual bigint, what text, code text)
                RETURNS bigint LANGUAGE plpgsql AS $$
                BEGIN
                    IF actual <> expected THEN
                        RAISE EXCEPTION '% of % %', actual, expected, what USING ERRCODE = code;
                    END IF;
                    RETURN actual;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS crmflow_expect_rows(bigint, bigint, text, text);");
        }
    }
}
