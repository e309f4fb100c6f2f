import { saveBlobAsFile } from './saveBlob';

describe('saveBlobAsFile', () => {
  const createObjectURL = URL.createObjectURL;
  const revokeObjectURL = URL.revokeObjectURL;
  afterEach(() => {
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('clicks a temporary download link to an object URL, then lets the URL go', () => {
    jest.useFakeTimers();
    // jsdom has neither object URLs nor navigation: the test records what the browser would get.
    URL.createObjectURL = jest.fn(() => 'blob:bundle');
    URL.revokeObjectURL = jest.fn();
    const clicked: Array<{
      href: string;
      download: string;
      attached: boolean;
    }> = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push({
          href: this.href,
          download: this.download,
          attached: document.body.contains(this),
        });
      });
    const blob = new Blob(['tgz'], { type: 'application/gzip' });

    saveBlobAsFile(blob, 'mesh-bundle-task-1.tar.gz');

    expect(URL.createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked).toEqual([
      {
        href: 'blob:bundle',
        download: 'mesh-bundle-task-1.tar.gz',
        attached: true,
      },
    ]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    jest.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:bundle');
  });
});
