using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class JournalBookmarkIndexPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowJournal_BookmarkId",
                table: "WorkflowJournal");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowJournal_BookmarkId",
                table: "WorkflowJournal",
                column: "BookmarkId",
                filter: "\"BookmarkId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowJournal_BookmarkId",
                table: "WorkflowJournal");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowJournal_BookmarkId",
                table: "WorkflowJournal",
                column: "BookmarkId");
        }
    }
}
