export function ProgressBar(props: { label: string; value: number; detail?: string; testId: string; failed?: boolean }) {
  const value = Math.max(0, Math.min(100, Math.round(props.value)));
  return (
    <div className="progress" data-testid={props.testId}>
      <div className="progress-head">
        <span>{props.label}</span>
        <span className="progress-value">{value}%</span>
      </div>
      <div
        className={`progress-track${props.failed ? ' failed' : ''}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
      >
        <div className="progress-fill" style={{ width: `${value}%` }} />
      </div>
      {props.detail && <div className="progress-detail">{props.detail}</div>}
    </div>
  );
}
