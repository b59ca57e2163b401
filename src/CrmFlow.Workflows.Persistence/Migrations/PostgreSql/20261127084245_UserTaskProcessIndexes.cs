using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class UserTaskProcessIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_DueAt",
                table: "UserTasks");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_DueAt_Id",
                table: "UserTasks",
                columns: new[] { "IsOpen", "DefinitionId", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_Priority_DueAt_Id",
                table: "UserTasks",
                columns: new[] { "IsOpen", "DefinitionId", "Priority", "DueAt", "Id" },
                descending: new[] { false, false, true, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_DueAt_Id",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_Priority_DueAt_Id",
                table: "UserTasks");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_DueAt",
                table: "UserTasks",
                columns: new[] { "IsOpen", "DefinitionId", "DueAt" });
        }
    }
}
