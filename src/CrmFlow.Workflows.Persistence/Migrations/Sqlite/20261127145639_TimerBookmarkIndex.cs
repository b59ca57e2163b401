using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TimerBookmarkIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_BookmarkId",
                table: "WorkflowTimers",
                column: "BookmarkId",
                filter: "\"BookmarkId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTimers_BookmarkId",
                table: "WorkflowTimers");
        }
    }
}
