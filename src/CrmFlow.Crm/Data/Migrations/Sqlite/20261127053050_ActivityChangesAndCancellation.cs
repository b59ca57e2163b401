using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Crm.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityChangesAndCancellation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AlertWorkflowInstanceId",
                table: "OpportunityActivities",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelReason",
                table: "OpportunityActivities",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CancelledAt",
                table: "OpportunityActivities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DueAlertRevision",
                table: "OpportunityActivities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OverdueAlertRevision",
                table: "OpportunityActivities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "OpportunityActivities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // activities planned before revisions existed are on their first one
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AlertWorkflowInstanceId",
                table: "OpportunityActivities");

            migrationBuilder.DropColumn(
                name: "CancelReason",
                table: "OpportunityActivities");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "OpportunityActivities");

            migrationBuilder.DropColumn(
                name: "DueAlertRevision",
                table: "OpportunityActivities");

            migrationBuilder.DropColumn(
                name: "OverdueAlertRevision",
                table: "OpportunityActivities");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "OpportunityActivities");
        }
    }
}
