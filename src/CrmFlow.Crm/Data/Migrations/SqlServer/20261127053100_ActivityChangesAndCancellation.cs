using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Crm.Data.Migrations.SqlServer
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
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelReason",
                table: "OpportunityActivities",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                table: "OpportunityActivities",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DueAlertRevision",
                table: "OpportunityActivities",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OverdueAlertRevision",
                table: "OpportunityActivities",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "OpportunityActivities",
                type: "int",
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
