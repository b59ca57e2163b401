using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UserTaskCandidateColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Status_Id_DueAt_Priority",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Status_Priority",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTaskCandidates_Value_TaskId",
                table: "UserTaskCandidates");

            migrationBuilder.AddColumn<bool>(
                name: "Claimable",
                table: "UserTaskCandidates",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "DueAt",
                table: "UserTaskCandidates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "UserTaskCandidates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Candidate rows exist only for open tasks and carry the task's claimability, due time and priority.
            migrationBuilder.Sql("DELETE FROM \"UserTaskCandidates\" WHERE NOT EXISTS (SELECT 1 FROM \"UserTasks\" AS t WHERE t.\"Id\" = \"UserTaskCandidates\".\"TaskId\" AND t.\"Status\" IN ('Open', 'Assigned'));");

            migrationBuilder.Sql("UPDATE \"UserTaskCandidates\" SET \"Claimable\" = (SELECT t.\"Status\" = 'Open' FROM \"UserTasks\" AS t WHERE t.\"Id\" = \"UserTaskCandidates\".\"TaskId\"), \"DueAt\" = (SELECT t.\"DueAt\" FROM \"UserTasks\" AS t WHERE t.\"Id\" = \"UserTaskCandidates\".\"TaskId\"), \"Priority\" = (SELECT t.\"Priority\" FROM \"UserTasks\" AS t WHERE t.\"Id\" = \"UserTaskCandidates\".\"TaskId\");");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_Priority_DueAt_Id",
                table: "UserTasks",
                columns: new[] { "Status", "Priority", "DueAt", "Id" },
                descending: new[] { false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_UserTaskCandidates_Value_Claimable_DueAt_TaskId_Priority",
                table: "UserTaskCandidates",
                columns: new[] { "Value", "Claimable", "DueAt", "TaskId", "Priority" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserTasks_Status_Priority_DueAt_Id",
                table: "UserTasks");

            migrationBuilder.DropIndex(
                name: "IX_UserTaskCandidates_Value_Claimable_DueAt_TaskId_Priority",
                table: "UserTaskCandidates");

            migrationBuilder.DropColumn(
                name: "Claimable",
                table: "UserTaskCandidates");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "UserTaskCandidates");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "UserTaskCandidates");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_Id_DueAt_Priority",
                table: "UserTasks",
                columns: new[] { "Status", "Id", "DueAt", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_Priority",
                table: "UserTasks",
                columns: new[] { "Status", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTaskCandidates_Value_TaskId",
                table: "UserTaskCandidates",
                columns: new[] { "Value", "TaskId" });
        }
    }
}
