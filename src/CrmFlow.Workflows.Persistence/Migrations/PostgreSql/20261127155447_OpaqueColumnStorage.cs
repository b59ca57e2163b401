using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// The large columns no query looks inside (an instance's state, journal and bookmark payloads and messages):
    /// no planner statistics (ANALYZE skips them instead of reading and decompressing a sample of every value each
    /// time autovacuum analyses these fast-growing tables), and the instance state compressed with lz4 where the
    /// server supports it (compressing and decompressing the state on every write and read costs several times less
    /// than with the default pglz). A server built without lz4, or older than PostgreSQL 14, keeps pglz.
    /// </summary>
    public partial class OpaqueColumnStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "WorkflowInstances" ALTER COLUMN "Data" SET STATISTICS 0;
                ALTER TABLE "WorkflowJournal" ALTER COLUMN "Payload" SET STATISTICS 0, ALTER COLUMN "Message" SET STATISTICS 0;
                ALTER TABLE "WorkflowBookmarks" ALTER COLUMN "Payload" SET STATISTICS 0, ALTER COLUMN "Stimulus" SET STATISTICS 0;
                DO $$
                BEGIN
                    EXECUTE 'ALTER TABLE "WorkflowInstances" ALTER COLUMN "Data" SET COMPRESSION lz4';
                EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN
                    RAISE NOTICE 'lz4 is not available; the instance state keeps the default compression';
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "WorkflowInstances" ALTER COLUMN "Data" SET STATISTICS -1, ALTER COLUMN "Data" SET COMPRESSION DEFAULT;
                ALTER TABLE "WorkflowJournal" ALTER COLUMN "Payload" SET STATISTICS -1, ALTER COLUMN "Message" SET STATISTICS -1;
                ALTER TABLE "WorkflowBookmarks" ALTER COLUMN "Payload" SET STATISTICS -1, ALTER COLUMN "Stimulus" SET STATISTICS -1;
                """);
        }
    }
}
