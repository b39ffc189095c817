/** The table cells of a rating distribution: one count per level, in scale order, then "Not rated". */
export function CountCells({
  counts,
  notRated,
}: {
  counts: readonly { levelId: string; count: number }[];
  notRated: number;
}) {
  return (
    <>
      {counts.map((c) => (
        <td key={c.levelId} className="num">
          {c.count}
        </td>
      ))}
      <td className="num">{notRated}</td>
    </>
  );
}
