using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsOpen",
                table: "UserTasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Existing rows: open while waiting for someone (the store keeps the flag from now on).
            migrationBuilder.Sql("UPDATE \"UserTasks\" SET \"IsOpen\" = TRUE WHERE \"Status\" IN ('Open', 'Assigned');");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_DueAt",
                table: "UserTasks",
                columns: new[] { "IsOpen", "DefinitionId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_IsOpen_DueAt_Id",
                table: "UserTasks",
                columns: new[] { "IsOpen", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_IsOpen_Priority_DueAt_Id",
                table: "UserTasks",
                columns: new[] { "IsOpen", "Priority", "DueAt", "Id" },
                descending: new[] { false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_Id_DueAt_Priority",
                table: "UserTasks",
                columns: new[] { "Status", "Id", "DueAt", "Priority" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserTasks_IsOpen_DefinitionId_DueAt",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_IsOpen_DueAt_Id",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_IsOpen_Priority_DueAt_Id",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Status_Id_DueAt_Priority",
                table: "UserTasks");

            migrationBuilder.DropColumn(
                name: "IsOpen",
                table: "UserTasks");
        }
    }
}
