// Writes an MSPDI file of N tasks shaped like MS Project's own saves: a summary task every 20 rows, FS/SS/FF
// links with lags, one work resource assignment per task, and the field density of a Project 2010 save
// (about 70 elements per task, 40 per assignment). Deterministic (no randomness), so runs compare.

const pad = (n) => String(n).padStart(2, '0');
function workDate(startDay, offsetDays, hour) {
  // Monday 2027-01-04 plus offsetDays working days
  const d = new Date(Date.UTC(2027, 0, 4 + startDay + Math.floor(offsetDays / 5) * 7 + (offsetDays % 5)));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00:00`;
}

function task(uid, level, outline, summary, predecessors, day, days) {
  const links = predecessors
    .map(
      ([p, type, lag]) =>
        `<PredecessorLink><PredecessorUID>${p}</PredecessorUID><Type>${type}</Type><CrossProject>0</CrossProject><LinkLag>${lag}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>`,
    )
    .join('');
  const start = workDate(0, day, 8);
  const finish = workDate(0, day + Math.max(days - 1, 0), 17);
  const dur = `PT${days * 8}H0M0S`;
  return `<Task><UID>${uid}</UID><GUID>00000000-0000-0000-0000-${String(uid).padStart(12, '0')}</GUID><ID>${uid}</ID><Name>Task ${uid}</Name><Active>1</Active><Manual>0</Manual><Type>0</Type><IsNull>0</IsNull><CreateDate>2027-01-01T08:00:00</CreateDate><WBS>${outline}</WBS><OutlineNumber>${outline}</OutlineNumber><OutlineLevel>${level}</OutlineLevel><Priority>500</Priority><Start>${start}</Start><Finish>${finish}</Finish><Duration>${dur}</Duration><ManualStart>${start}</ManualStart><ManualFinish>${finish}</ManualFinish><ManualDuration>${dur}</ManualDuration><DurationFormat>7</DurationFormat><Work>${dur}</Work><ResumeValid>0</ResumeValid><EffortDriven>1</EffortDriven><Recurring>0</Recurring><OverAllocated>0</OverAllocated><Estimated>0</Estimated><Milestone>${days === 0 ? 1 : 0}</Milestone><Summary>${summary ? 1 : 0}</Summary><DisplayAsSummary>0</DisplayAsSummary><Critical>0</Critical><IsSubproject>0</IsSubproject><IsSubprojectReadOnly>0</IsSubprojectReadOnly><ExternalTask>0</ExternalTask><EarlyStart>${start}</EarlyStart><EarlyFinish>${finish}</EarlyFinish><LateStart>${start}</LateStart><LateFinish>${finish}</LateFinish><StartVariance>0</StartVariance><FinishVariance>0</FinishVariance><WorkVariance>0</WorkVariance><FreeSlack>0</FreeSlack><TotalSlack>0</TotalSlack><StartSlack>0</StartSlack><FinishSlack>0</FinishSlack><FixedCost>0</FixedCost><FixedCostAccrual>3</FixedCostAccrual><PercentComplete>0</PercentComplete><PercentWorkComplete>0</PercentWorkComplete><Cost>${days * 800}</Cost><OvertimeCost>0</OvertimeCost><OvertimeWork>PT0H0M0S</OvertimeWork><ActualDuration>PT0H0M0S</ActualDuration><ActualCost>0</ActualCost><ActualOvertimeCost>0</ActualOvertimeCost><ActualWork>PT0H0M0S</ActualWork><ActualOvertimeWork>PT0H0M0S</ActualOvertimeWork><RegularWork>${dur}</RegularWork><RemainingDuration>${dur}</RemainingDuration><RemainingCost>${days * 800}</RemainingCost><RemainingWork>${dur}</RemainingWork><RemainingOvertimeCost>0</RemainingOvertimeCost><RemainingOvertimeWork>PT0H0M0S</RemainingOvertimeWork><ACWP>0</ACWP><CV>0</CV><ConstraintType>0</ConstraintType><CalendarUID>-1</CalendarUID><LevelAssignments>1</LevelAssignments><LevelingCanSplit>1</LevelingCanSplit><LevelingDelay>0</LevelingDelay><LevelingDelayFormat>8</LevelingDelayFormat><IgnoreResourceCalendar>0</IgnoreResourceCalendar><HideBar>0</HideBar><Rollup>0</Rollup><BCWS>0</BCWS><BCWP>0</BCWP><PhysicalPercentComplete>0</PhysicalPercentComplete><EarnedValueMethod>0</EarnedValueMethod>${links}<IsPublished>1</IsPublished><CommitmentType>0</CommitmentType><ExtendedAttribute><FieldID>188744007</FieldID><Value>CA-${Math.floor(uid / 100)}</Value></ExtendedAttribute><ExtendedAttribute><FieldID>188744008</FieldID><Value>WP-${Math.floor(uid / 20)}</Value></ExtendedAttribute><Baseline><Number>0</Number><Start>${start}</Start><Finish>${finish}</Finish><Duration>${dur}</Duration><DurationFormat>7</DurationFormat><EstimatedDuration>0</EstimatedDuration><Work>${dur}</Work><Cost>${days * 800}</Cost></Baseline></Task>`;
}

function assignment(uid, taskUid, days) {
  const start = workDate(0, 0, 8);
  const dur = `PT${days * 8}H0M0S`;
  return `<Assignment><UID>${uid}</UID><GUID>00000000-0000-0000-0001-${String(uid).padStart(12, '0')}</GUID><TaskUID>${taskUid}</TaskUID><ResourceUID>1</ResourceUID><PercentWorkComplete>0</PercentWorkComplete><ActualCost>0</ActualCost><ActualOvertimeCost>0</ActualOvertimeCost><ActualOvertimeWork>PT0H0M0S</ActualOvertimeWork><ActualWork>PT0H0M0S</ActualWork><ACWP>0</ACWP><Confirmed>0</Confirmed><Cost>${days * 800}</Cost><CostRateTable>0</CostRateTable><RateScale>0</RateScale><CostVariance>0</CostVariance><CV>0</CV><Delay>0</Delay><Finish>${start}</Finish><FinishVariance>0</FinishVariance><WorkVariance>0</WorkVariance><HasFixedRateUnits>1</HasFixedRateUnits><FixedMaterial>0</FixedMaterial><LevelingDelay>0</LevelingDelay><LevelingDelayFormat>7</LevelingDelayFormat><LinkedFields>0</LinkedFields><Milestone>0</Milestone><Overallocated>0</Overallocated><OvertimeCost>0</OvertimeCost><OvertimeWork>PT0H0M0S</OvertimeWork><RegularWork>${dur}</RegularWork><RemainingCost>${days * 800}</RemainingCost><RemainingOvertimeCost>0</RemainingOvertimeCost><RemainingOvertimeWork>PT0H0M0S</RemainingOvertimeWork><RemainingWork>${dur}</RemainingWork><ResponsePending>0</ResponsePending><Start>${start}</Start><Stop>${start}</Stop><Resume>${start}</Resume><StartVariance>0</StartVariance><Units>1</Units><UpdateNeeded>0</UpdateNeeded><VAC>0</VAC><Work>${dur}</Work><WorkContour>0</WorkContour><BCWS>0</BCWS><BCWP>0</BCWP><BookingType>0</BookingType><CreationDate>2027-01-01T08:00:00</CreationDate><TimephasedData><Type>1</Type><UID>${uid}</UID><Start>${start}</Start><Finish>${start}</Finish><Unit>2</Unit><Value>${dur}</Value></TimephasedData></Assignment>`;
}

const weekDay = (type, working) =>
  `<WeekDay><DayType>${type}</DayType><DayWorking>${working ? 1 : 0}</DayWorking>${working ? '<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes>' : ''}</WeekDay>`;

/** The MSPDI text of a project with `count` tasks (summary rows included). */
export function generateMspdi(count) {
  const tasks = [];
  const assignments = [];
  let summaryUid = 0;
  let day = 0;
  let child = 0;
  for (let uid = 1; uid <= count; uid += 1) {
    if ((uid - 1) % 20 === 0) {
      summaryUid = uid;
      child = 0;
      tasks.push(task(uid, 1, String(Math.ceil(uid / 20)), true, [], day, 1));
      continue;
    }
    child += 1;
    const days = uid % 17 === 0 ? 0 : 1 + (uid % 5);
    const preds = [];
    if (child > 1) preds.push([uid - 1, uid % 7 === 0 ? 3 : 1, uid % 11 === 0 ? 4800 : 0]);
    if (uid > 40 && uid % 9 === 0) preds.push([uid - 37, 0, 0]);
    tasks.push(
      task(
        uid,
        2,
        `${Math.ceil(summaryUid / 20)}.${child}`,
        false,
        preds.filter(([p]) => (p - 1) % 20 !== 0),
        day,
        days,
      ),
    );
    assignments.push(assignment(uid, uid, days));
    day += 1;
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project"><SaveVersion>14</SaveVersion><Name>bench.xml</Name><Title>Benchmark</Title><ScheduleFromStart>1</ScheduleFromStart><StartDate>2027-01-04T08:00:00</StartDate><FinishDate>2029-01-04T17:00:00</FinishDate><CalendarUID>1</CalendarUID><DefaultStartTime>08:00:00</DefaultStartTime><DefaultFinishTime>17:00:00</DefaultFinishTime><MinutesPerDay>480</MinutesPerDay><MinutesPerWeek>2400</MinutesPerWeek><DaysPerMonth>20</DaysPerMonth><ExtendedAttributes><ExtendedAttribute><FieldID>188744007</FieldID><FieldName>Text21</FieldName><Alias>EV_WBS</Alias></ExtendedAttribute><ExtendedAttribute><FieldID>188744008</FieldID><FieldName>Text22</FieldName><Alias>EV_WP</Alias></ExtendedAttribute></ExtendedAttributes><Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>${[1, 2, 3, 4, 5, 6, 7].map((d) => weekDay(d, d !== 1 && d !== 7)).join('')}</WeekDays></Calendar></Calendars><Tasks><Task><UID>0</UID><ID>0</ID><Name>Benchmark</Name><Type>1</Type><IsNull>0</IsNull><OutlineNumber>0</OutlineNumber><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>${tasks.join('\n')}</Tasks><Resources><Resource><UID>1</UID><ID>1</ID><Name>Engineer</Name><Type>1</Type><IsNull>0</IsNull><MaxUnits>1.00</MaxUnits><StandardRate>100</StandardRate><StandardRateFormat>2</StandardRateFormat><CalendarUID>1</CalendarUID></Resource></Resources><Assignments>${assignments.join('\n')}</Assignments></Project>
`;
}
