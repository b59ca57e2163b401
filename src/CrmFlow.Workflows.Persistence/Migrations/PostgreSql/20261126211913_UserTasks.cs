using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class UserTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UserTaskCandidates",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserTaskCandidates", x => new { x.TaskId, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "UserTaskComments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TaskId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Author = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserTaskComments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserTaskEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TaskId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserTaskEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserTasks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkflowInstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProcessName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ActivityId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Title = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Assignee = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Reference = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FollowUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Spec = table.Column<string>(type: "text", nullable: false),
                    Result = table.Column<string>(type: "text", nullable: true),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserTasks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UserTaskCandidates_Value_TaskId",
                table: "UserTaskCandidates",
                columns: new[] { "Value", "TaskId" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTaskComments_TaskId_CreatedAt",
                table: "UserTaskComments",
                columns: new[] { "TaskId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTaskEvents_TaskId_At",
                table: "UserTaskEvents",
                columns: new[] { "TaskId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Assignee_Status_DueAt",
                table: "UserTasks",
                columns: new[] { "Assignee", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Assignee_Status_Priority",
                table: "UserTasks",
                columns: new[] { "Assignee", "Status", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_CompletedBy_CompletedAt",
                table: "UserTasks",
                columns: new[] { "CompletedBy", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_DueAt",
                table: "UserTasks",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_Status_Priority",
                table: "UserTasks",
                columns: new[] { "Status", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_SubjectId",
                table: "UserTasks",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_UserTasks_WorkflowInstanceId",
                table: "UserTasks",
                column: "WorkflowInstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserTaskCandidates");

            migrationBuilder.DropTable(
                name: "UserTaskComments");

            migrationBuilder.DropTable(
                name: "UserTaskEvents");

            migrationBuilder.DropTable(
                name: "UserTasks");
        }
    }
}
